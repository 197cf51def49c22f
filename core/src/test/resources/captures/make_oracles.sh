#!/bin/bash
# Writes X.oracle.tsv (+ X.oracle.err when tshark complained) for captures of this folder:
# the ones named, or all of them. The oracles committed here were made with TShark 4.0.17
# (Debian 12 package 4.0.17-0+deb12u3); another version may print some fields differently.
# Reassembly is disabled so each row reflects what is in that single frame. The same command
# as the public capture set's tools/make_oracles.sh, run on files rather than on a folder.
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
FIELDS="frame.number frame.time_epoch frame.len frame.cap_len frame.interface_id frame.encap_type frame.section_number frame.cb_pen frame.time_invalid
eth.src eth.dst sll.src.eth sll.etype sll.ltype
wlan.fc.type_subtype wlan.fc.ds wlan.fc.protected wlan.sa wlan.da wlan.ta wlan.ra wlan.bssid
vlan.id
ip.src ip.dst ip.proto ip.hdr_len ip.flags.mf ip.frag_offset
ipv6.src ipv6.dst ipv6.nxt ipv6.hopopts.nxt ipv6.dstopts.nxt ipv6.routing.nxt ipv6.fraghdr.nxt ipv6.fraghdr.offset ipv6.fraghdr.more
tcp.srcport tcp.dstport tcp.len udp.srcport udp.dstport udp.length
dns.qry.name dns.a dns.aaaa dhcp.option.dhcp tls.record.content_type tls.handshake.extensions_server_name mqtt.msgtype
frame.protocols _ws.expert.message _ws.malformed"
EARGS=""; for f in $FIELDS; do EARGS="$EARGS -e $f"; done
if [ $# -eq 0 ]; then set -- "$DIR"/*; fi
for cap in "$@"; do
  case "$cap" in *.oracle.*|*.md|*.tsv|*.sh|*.txt) continue;; esac
  [ -f "$cap" ] || continue
  cap=$(cd "$(dirname "$cap")" && pwd)/$(basename "$cap")
  out="$cap.oracle.tsv"; err="$cap.oracle.err"
  tshark -n -r "$cap" \
    -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o tcp.desegment_tcp_streams:FALSE \
    -o tls.desegment_ssl_records:FALSE -o tls.desegment_ssl_application_data:FALSE \
    -o wlan.enable_decryption:FALSE \
    -T fields -E header=y -E separator=/t -E quote=n -E occurrence=a -E aggregator='|' \
    $EARGS > "$out.tmp" 2> "$err.tmp"
  rc=$?
  # _ws.malformed prints odd text; reduce it to 1/0.  Column is the last one.
  if [ ! -s "$out.tmp" ]; then echo $FIELDS | tr ' ' '\t' > "$out.tmp"; fi
  awk -F'\t' 'BEGIN{OFS="\t"} NR==1{print; next} {$NF = ($NF=="" ? 0 : 1); print}' "$out.tmp" > "$out"
  rm -f "$out.tmp"
  grep -v '^Running as user "root"' "$err.tmp" | sed "s#$(dirname "$cap")/##g" > "$err.tmp2"; rm -f "$err.tmp"
  if [ -s "$err.tmp2" ] || [ $rc -ne 0 ]; then
    { echo "# tshark exit code: $rc"; echo "# frames printed before error: $(( $(wc -l < "$out") - 1 ))"; cat "$err.tmp2"; } > "$err"
  else
    rm -f "$err"
  fi
  rm -f "$err.tmp2"
done
