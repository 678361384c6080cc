#!/usr/bin/env bash
# Starts or stops N Sphinx `searchd` shards on loopback for `search ... --engine URL`.
#
#   deploy/sphinx/shards.sh start DIR N   # N >= 1 shards; data, configs, logs, pids under DIR
#   deploy/sphinx/shards.sh stop DIR      # stops them (nothing to stop is not an error)
#
# `start` prints, as its last line, the URL that `--engine` takes:
#
#   sphinx://127.0.0.1:P0,127.0.0.1:P1,...
#
# one SphinxQL (MySQL protocol) address per shard, in shard order: an article with
# document id D lives on shard D mod N, so the order is part of the data and the
# same URL must be given to every later run. Shard 0 also holds the distributed
# index `news` (its own `articles` plus an agent per other shard, which queries
# fan out to) and the small `names` and `aliases` tables.
#
# Each shard is one RT index `articles` with the schema of crates/sphinx
# (src/schema.rs documents it); the client writes pre-analysed tokens, so the
# character table below only has to keep every token whole.
#
# Needs Debian's `sphinxsearch` (2.2.11): `apt-get install sphinxsearch`.
set -euo pipefail

die() { echo "shards.sh: $*" >&2; exit 1; }
usage() { die "usage: shards.sh start DIR N | shards.sh stop DIR"; }

# A free TCP port on loopback (the kernel picks; closed again before searchd binds it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something listens on 127.0.0.1:$1 (searchd daemonises before binding).
wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

rt_index() { # NAME PATH
  cat <<EOF
index $1
{
    type = rt
    path = $2
    rt_mem_limit = 256M
    # Tokens arrive analysed (lower case, accents folded) and space-separated:
    # every other character is part of a word.
    charset_table = U+21..U+7E, U+A1..U+2FFFF
    dict = keywords
    min_prefix_len = 1
    rt_field = title
    rt_field = body
    rt_field = every
    rt_attr_string = key
    rt_attr_string = file
    rt_attr_bigint = file_sig
    rt_attr_uint = dated
    rt_attr_bigint = published_day
    rt_attr_multi_64 = persons
    rt_attr_multi_64 = person_keys
    rt_attr_multi_64 = orgs
    rt_attr_multi_64 = org_keys
    rt_attr_multi_64 = countries
    rt_attr_multi_64 = buckets
    rt_attr_multi_64 = days
    rt_attr_multi_64 = months
    rt_attr_multi_64 = years
    rt_attr_string = stored
    rt_attr_bigint = article_id
}
EOF
}

table_index() { # NAME PATH
  cat <<EOF
index $1
{
    type = rt
    path = $2
    rt_mem_limit = 64M
    rt_field = unused
    rt_attr_uint = kind
    rt_attr_bigint = value
    rt_attr_string = name
    rt_attr_string = canonical
}
EOF
}

start() {
  local dir=$1 n=$2
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "N must be a whole number of shards, 1 or more (got '$n')"
  command -v searchd >/dev/null ||
    die "searchd not found; install Sphinx first: apt-get install sphinxsearch"
  command -v python3 >/dev/null || die "python3 is needed to pick free ports"
  if compgen -G "$dir/shard*/searchd.pid" >/dev/null; then
    die "$dir already has shards; run: shards.sh stop $dir"
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local sql=() api=() i
  for ((i = 0; i < n; i++)); do
    sql+=("$(free_port)")
    api+=("$(free_port)")
  done
  # Start the other shards first, so that shard 0's agents find them.
  for ((i = n - 1; i >= 0; i--)); do
    local s="$dir/shard$i"
    mkdir -p "$s/data"
    {
      echo "# shard $i of $n, written by deploy/sphinx/shards.sh"
      rt_index articles "$s/data/articles"
      if ((i == 0)); then
        table_index names "$s/data/names"
        table_index aliases "$s/data/aliases"
        echo "index news"
        echo "{"
        echo "    type = distributed"
        echo "    local = articles"
        for ((j = 1; j < n; j++)); do
          echo "    agent = 127.0.0.1:${api[j]}:articles"
        done
        echo "}"
      fi
      cat <<EOF
searchd
{
    listen = 127.0.0.1:${sql[i]}:mysql41
    listen = 127.0.0.1:${api[i]}
    log = $s/searchd.log
    query_log = $s/query.log
    pid_file = $s/searchd.pid
    binlog_path = $s/data
    workers = threads
    max_matches = 1000000
    read_timeout = 5
    client_timeout = 300
    seamless_rotate = 0
    collation_server = binary
    max_packet_size = 32M
}
EOF
    } >"$s/sphinx.conf"
    if ! searchd --config "$s/sphinx.conf" >"$s/start.log" 2>&1; then
      cat "$s/start.log" >&2
      die "searchd of shard $i failed to start (config $s/sphinx.conf, log above)"
    fi
    wait_port "${sql[i]}" || die "shard $i does not listen on 127.0.0.1:${sql[i]}; see $s/searchd.log"
  done
  local url="sphinx://" sep=""
  for ((i = 0; i < n; i++)); do
    url+="${sep}127.0.0.1:${sql[i]}"
    sep=","
  done
  echo "$url" >"$dir/url"
  echo "started $n shard(s) under $dir"
  echo "$url"
}

stop() {
  local dir=$1 stopped=0 pidfile pid
  [ -d "$dir" ] || { echo "nothing to stop: $dir does not exist"; return 0; }
  for pidfile in "$dir"/shard*/searchd.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    # Stop only a searchd that still runs under this pid.
    if [[ $pid =~ ^[0-9]+$ ]] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = searchd ]; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do
        [ -d "/proc/$pid" ] || break
        sleep 0.1
      done
      [ -d "/proc/$pid" ] && kill -KILL "$pid"
      stopped=$((stopped + 1))
    fi
    rm -f "$pidfile"
  done
  echo "stopped $stopped shard(s) under $dir"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
