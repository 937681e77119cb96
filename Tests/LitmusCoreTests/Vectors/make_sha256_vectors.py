# Regenerates sha256.tsv with Python's hashlib (the reference implementation
# for these vectors): python3 make_sha256_vectors.py > sha256.tsv
import hashlib

print("# SHA-256 test vectors computed with Python hashlib (python3 make_sha256_vectors.py).")
print("# Columns (tab-separated): length, message, lower-case hex digest.")
print("# message is 'hex:<bytes>' or 'mod251' meaning byte i = i % 251.")
for n in range(0, 301):
    msg = bytes((i * 37 + n * 11 + 5) & 0xFF for i in range(n))
    print(f"{n}\thex:{msg.hex()}\t{hashlib.sha256(msg).hexdigest()}")
for n in (1000, 4095, 4096, 4097, 65_549, 1_000_003, 3_145_728 + 17):
    msg = bytes(i % 251 for i in range(n))
    print(f"{n}\tmod251\t{hashlib.sha256(msg).hexdigest()}")
