#!/bin/sh
# Pretends to fetch dependencies through a TLS proxy that needs the corporate CA.
if [ -f /run/secrets/ca_cert ]; then
  echo "using corporate CA from /run/secrets/ca_cert"
  echo "ca: mounted" > /deps.status
else
  echo "no corporate CA at /run/secrets/ca_cert; continuing without it"
  echo "ca: missing" > /deps.status
fi
