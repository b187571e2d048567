#!/usr/bin/env python3
"""Writes webhook_vectors.json: Stripe-Signature test vectors computed with Python's `hmac`
module from the rules of issue 11, independently of the Rust code under test.

Signature = lowercase hex of HMAC-SHA256(key = the whole secret's UTF-8 bytes, `whsec_` included,
message = f"{t}." + raw body bytes). Every signature is also recomputed with
`openssl dgst -sha256 -hmac <secret>` when openssl is installed, and the script fails on any
difference. Run from anywhere: python3 runtime/tests/data/make_webhook_vectors.py
"""
import hashlib
import hmac
import json
import os
import shutil
import subprocess

SECRET = "whsec_test_MbD2hC1e8y5qXbK7F3vW9pZr"
OLD_SECRET = "whsec_old_secret_before_rotation"
WRONG_SECRET = "whsec_wrong_secret"
NOW = 1_700_000_000  # the injected clock, Unix seconds
BODY = (
    '{\n  "id": "evt_1OcXkL2eZvKYlo2C0aBcDeFg",\n  "object": "event",\n'
    '  "api_version": "2023-10-16",\n  "created": 1699999990,\n'
    '  "data": {\n    "object": {\n      "id": "bps_1OcXkL2eZvKYlo2C",\n'
    '      "object": "billing_portal.session",\n      "customer": "cus_123",\n'
    '      "return_url": "https://example.com/account"\n    }\n  },\n'
    '  "livemode": false,\n  "pending_webhooks": 1,\n'
    '  "request": {"id": null, "idempotency_key": null},\n'
    '  "type": "billing_portal.session.created"\n}\n'
)
# The 10 MB body is not committed: it is BIG_PREFIX + BIG_UNIT * BIG_COUNT + BIG_SUFFIX.
BIG_PREFIX = '{"id":"evt_big","object":"event","type":"test.big","data":{"blob":"'
BIG_UNIT = "0123456789abcdef"
BIG_COUNT = 10 * 1024 * 1024 // len(BIG_UNIT)
BIG_SUFFIX = '"}}'


def sig(secret: str, t, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    if shutil.which("openssl"):
        out = subprocess.run(
            ["openssl", "dgst", "-sha256", "-hmac", secret, "-r"],
            input=f"{t}.".encode() + body, capture_output=True, check=True,
        ).stdout.decode().split()[0]
        assert out == mac, (out, mac)
    return mac


def flip_one_byte(body: str) -> str:
    i = body.index("cus_123") + len("cus_12")
    return body[:i] + "4" + body[i + 1:]


vectors = []


def case(name, expect, header, payload=BODY, tolerance=None, now=NOW, note=""):
    v = {"name": name, "payload": payload, "header": header, "now": now, "expect": expect}
    if tolerance is not None:
        v["tolerance"] = tolerance
    if note:
        v["note"] = note
    vectors.append(v)


b = BODY.encode()
s = sig(SECRET, NOW, b)
case("valid", "ok", f"t={NOW},v1={s}")
case("secret rotation: second v1 matches", "ok",
     f"t={NOW},v1={sig(OLD_SECRET, NOW, b)},v1={s}")
case("first of two v1 matches", "ok", f"t={NOW},v1={s},v1={sig(OLD_SECRET, NOW, b)}")
case("only v0", "NoV1Signature", f"t={NOW},v0={s}")
case("v0 and v1", "ok", f"t={NOW},v1={s},v0={sig(SECRET, NOW, b)}")
case("wrong secret", "NoMatchingSignature", f"t={NOW},v1={sig(WRONG_SECRET, NOW, b)}")
case("one byte of the body changed", "NoMatchingSignature", f"t={NOW},v1={s}", payload=flip_one_byte(BODY))
case("signature for another timestamp", "NoMatchingSignature", f"t={NOW},v1={sig(SECRET, NOW - 1, b)}")
case("body with a trailing newline removed", "NoMatchingSignature", f"t={NOW},v1={s}", payload=BODY[:-1])
for age, expect in [(301, "TimestampTooOld"), (300, "ok"), (299, "ok"), (-3600, "ok")]:
    t = NOW - age
    label = f"{age} s old" if age >= 0 else f"{-age} s in the future"
    case(f"timestamp {label}", expect, f"t={t},v1={sig(SECRET, t, b)}")
t = NOW - 301
case("timestamp 301 s old, tolerance 600", "ok", f"t={t},v1={sig(SECRET, t, b)}", tolerance=600)
t = NOW - 11
case("timestamp 11 s old, tolerance 10", "TimestampTooOld", f"t={t},v1={sig(SECRET, t, b)}", tolerance=10)
t = NOW - 365 * 24 * 3600
case("tolerance 0, a year old", "ok", f"t={t},v1={sig(SECRET, t, b)}", tolerance=0)
case("a year old, default tolerance", "TimestampTooOld", f"t={t},v1={sig(SECRET, t, b)}")
case("old and wrong signature: the signature is checked first", "NoMatchingSignature",
     f"t={t},v1={sig(WRONG_SECRET, t, b)}")
case("space after the comma: ' v1' is another scheme", "NoV1Signature", f"t={NOW}, v1={s}",
     note="stripe-python, -node and -go do not trim either")
case("space before the header", "InvalidHeader", f" t={NOW},v1={s}", note="' t' is not `t`: no timestamp")
case("space inside t", "InvalidHeader", f"t= {NOW},v1={s}")
case("space after the signature", "NoV1Signature", f"t={NOW},v1={s} ",
     note="'<hex> ' is not hex, so the only v1 is skipped")
case("space after one of two signatures", "ok", f"t={NOW},v1={s} ,v1={s}")
case("empty header", "MissingHeader", "")
case("duplicated t, same value", "InvalidHeader", f"t={NOW},t={NOW},v1={s}")
case("duplicated t, signature for the first", "InvalidHeader", f"t={NOW},t={NOW - 5},v1={s}")
case("duplicated t, signature for the last", "InvalidHeader", f"t={NOW - 5},t={NOW},v1={s}")
case("non-numeric t", "InvalidHeader", f"t=abc,v1={s}")
case("fractional t", "InvalidHeader", f"t={NOW}.0,v1={s}")
case("no t", "InvalidHeader", f"v1={s}")
case("only a t", "NoV1Signature", f"t={NOW}")
case("garbage", "InvalidHeader", "not a signature header")
case("uppercase hex", "ok", f"t={NOW},v1={s.upper()}")
case("non-hex v1 skipped, next v1 matches", "ok", f"t={NOW},v1=zz{s[2:]},v1={s}")
case("odd-length v1 skipped, next v1 matches", "ok", f"t={NOW},v1={s[:-1]},v1={s}")
case("only non-hex v1", "NoV1Signature", f"t={NOW},v1=not-hex")
case("truncated v1", "NoMatchingSignature", f"t={NOW},v1={s[:32]}")
case("unknown schemes and items without '=' ignored", "ok", f"t={NOW},v2=abc,flag,v1={s},x=1=2")
case("keys are case-sensitive", "NoV1Signature", f"t={NOW},V1={s}")
case("value split on the first '='", "NoV1Signature", f"t={NOW},v1={s}=",
     note="the value is '<hex>=', which is not hex, so the only v1 is skipped")

not_events = {
    "body not JSON": "this is not json",
    "body a JSON array": '[{"id":"evt_1","type":"x"}]',
    "body without id": '{"object":"event","type":"x"}',
    "body with a numeric id": '{"id":1,"type":"x"}',
    "body without type": '{"id":"evt_1","object":"event"}',
    "body with a null type": '{"id":"evt_1","type":null}',
}
for name, payload in not_events.items():
    case(name, "NotAnEvent", f"t={NOW},v1={sig(SECRET, NOW, payload.encode())}", payload=payload,
         note="verify_signature accepts it; construct_event rejects it")

big = (BIG_PREFIX + BIG_UNIT * BIG_COUNT + BIG_SUFFIX).encode()
big_sig = sig(SECRET, NOW, big)
flipped = bytearray(big)
flipped[len(big) // 2] ^= 0x01

out = {
    "about": "Computed by make_webhook_vectors.py with Python's hmac module (cross-checked with "
             "openssl dgst -sha256 -hmac), independently of the Rust code.",
    "secret": SECRET,
    "default_tolerance": 300,
    "test_header": {
        "payload": BODY, "timestamp": NOW, "header": f"t={NOW},v1={s}",
    },
    "big_body": {
        "prefix": BIG_PREFIX, "unit": BIG_UNIT, "count": BIG_COUNT, "suffix": BIG_SUFFIX,
        "len": len(big), "header": f"t={NOW},v1={big_sig}",
        "flipped_header": f"t={NOW},v1={sig(SECRET, NOW, bytes(flipped))}",
        "note": "flipped_header signs the body with the byte at len/2 XOR 0x01",
    },
    "vectors": vectors,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "webhook_vectors.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {len(vectors)} vectors to {path}")
