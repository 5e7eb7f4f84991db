#!/bin/sh
# Regenerates the stand-ins' TLS fixtures. They are FAKE, for local runs and tests only: a throwaway CA, the
# certificate the APNs and FCM stand-ins serve (localhost), and an APNs-style client certificate for
# certificate authentication (subject UID = the bundle id, as Apple issues them). Valid for 100 years.
set -eu
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days $days -keyout ca.key -out ca.pem \
  -subj "/O=Pinpush FAKE test CA - not for production/CN=Pinpush FAKE Stand-in CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

openssl req -newkey rsa:2048 -nodes -sha256 -keyout server.key -out server.csr \
  -subj "/O=Pinpush FAKE stand-in/CN=localhost"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days $days -extfile server.ext -out server.pem

openssl req -newkey rsa:2048 -nodes -sha256 -keyout apns-client.key -out apns-client.csr \
  -subj "/UID=com.example.pinpush/CN=Apple Push Services: com.example.pinpush (FAKE)/O=Pinpush FAKE test/C=US"
printf 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n' > client.ext
openssl x509 -req -in apns-client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days $days -extfile client.ext -out apns-client.pem

# PKCS#8 keys: what Netty and Pushy read.
for key in server apns-client; do openssl pkcs8 -topk8 -nocrypt -in $key.key -out $key.key.tmp && mv $key.key.tmp $key.key; done
# The CA key is not kept: regenerating everything is simpler than keeping a signing key around.
rm -f server.csr apns-client.csr server.ext client.ext ca.srl ca.key
