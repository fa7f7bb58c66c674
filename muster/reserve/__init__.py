"""The mobilisation reserve (dự bị động viên): discharge reception and the reservist register.
The pure rules live in :mod:`muster.law.reserve`; see docs/reserve.md."""
