"""Reading documents: ``.txt``, JSON Lines, manifests, HTML pages, directories and stdin.

>>> from marsad.read import read_path
>>> items = list(read_path("corpus/seeds"))   # Document or ReadFailure, one per document
"""

from marsad.read.decode import MAX_BYTES, DecodeError, decode_bytes
from marsad.read.readers import FORMATS, read_path, read_paths, read_stream

__all__ = ["FORMATS", "MAX_BYTES", "DecodeError", "decode_bytes", "read_path", "read_paths", "read_stream"]
