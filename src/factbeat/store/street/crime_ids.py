"""Crime IDs as 32 bytes instead of 64 hex digits: half the store's street rows.

data.police.uk's Crime ID is a SHA-256 written as 64 lower-case hex digits (anti-social
behaviour rows have none).  Kept as text, uncompressed, it was more than half of the store
(60 MB per million rows; compressing it costs an eighth of ingest time and only halves it);
as the 32 bytes it spells, it takes half of that with no compression to pay for.  Nothing is
lost: a row keeps its ID in ``crime_id_bytes`` exactly when the text is 64 lower-case hex
digits, which ``lower(hex(crime_id_bytes))`` gives back character for character; any other
ID (upper case, another length, a typo) is kept as a text in ``street_texts``
(``crime_id_text_id``).  The views join the two, so readers see the published column
(store/street/sql.py).

The split runs on the worker thread (street/mapping.py), vectorised over the chunk's contiguous
text buffer, not per row in Python or in the insert: in published files every ID of 64
characters is lower-case hex, so the whole buffer is decoded by one ``binascii.unhexlify`` call, which refuses any
character that is not a hex digit, and a bitwise AND over it refuses upper case (a lower-case
letter and a digit have bit 0x20 set, A-F do not).  Only a chunk with some other ID of 64
characters is decoded by a lookup table from pairs of characters to bytes, which marks each
odd ID (five times the time of the one call, measured).
"""

from __future__ import annotations

import binascii

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

WIDTH = 32  # bytes: a SHA-256


def _pair_table() -> np.ndarray:
    """Two characters read as one little-endian 16-bit number -> the byte they spell in hex
    (first character high), or 0xFFFF when either is not a lower-case hex digit."""
    digit = np.full(256, -1, np.int32)
    digit[np.frombuffer(b"0123456789abcdef", np.uint8)] = np.arange(16)
    pair = np.arange(65536)
    first, second = digit[pair & 0xFF], digit[pair >> 8]
    return np.where((first >= 0) & (second >= 0), first * 16 + second, 0xFFFF).astype(np.uint16)


_PAIRS = _pair_table()


def split_crime_ids(column: pa.ChunkedArray | pa.Array) -> tuple[pa.Array, pa.Array]:
    """(text kept, bytes): the text is null where the bytes hold the ID, the bytes null elsewhere."""
    text = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if text.type != pa.string():
        text = text.cast(pa.string())
    rows = len(text)
    offsets = np.frombuffer(text.buffers()[1], np.int32, rows + 1, text.offset * 4)
    positions = np.flatnonzero(np.diff(offsets) == 2 * WIDTH)  # null and empty cells have length 0
    if not len(positions):
        return text, pa.nulls(rows, pa.binary(WIDTH))
    if len(positions) * 2 * WIDTH == offsets[-1] - offsets[0]:  # the usual case: every ID is 64 long
        chars = np.frombuffer(text.buffers()[2], np.uint8, offsets[-1] - offsets[0], offsets[0])
    else:
        candidates = text.take(pa.array(positions))
        first = np.frombuffer(candidates.buffers()[1], np.int32, 1, candidates.offset * 4)[0]
        chars = np.frombuffer(candidates.buffers()[2], np.uint8, len(positions) * 2 * WIDTH, first)
    values, good = _decode(chars, len(positions))
    held = positions if good is None else positions[good]
    data = np.zeros((rows, WIDTH), np.uint8)
    data[held] = values if good is None else values[good]
    mask = np.zeros(rows, bool)
    mask[held] = True
    validity = pa.py_buffer(np.packbits(mask, bitorder="little"))
    as_bytes = pa.FixedSizeBinaryArray.from_buffers(pa.binary(WIDTH), rows, [validity, pa.py_buffer(data)],
                                                    null_count=rows - len(held))
    kept = pc.if_else(pa.array(mask), pa.scalar(None, pa.string()), text)
    return kept, as_bytes


_LOWER = np.uint64(0x2020202020202020)  # bit 0x20 of each of eight characters


def _decode(chars: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray | None]:
    """``count`` IDs of 64 characters, back to back in ``chars``, as ``count`` rows of 32 bytes,
    and which of them were lower-case hex (None: all of them)."""
    try:
        decoded = binascii.unhexlify(chars)
    except binascii.Error:  # a character that is not a hex digit
        decoded = None
    if decoded is not None and np.bitwise_and.reduce(chars.view(np.uint64)) & _LOWER == _LOWER:
        return np.frombuffer(decoded, np.uint8).reshape(count, WIDTH), None
    values = _PAIRS[chars.view("<u2")].reshape(count, WIDTH)  # one lookup per byte
    return values, values.max(axis=1) < 256
