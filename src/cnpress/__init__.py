"""cnpress: clean the text PDF extraction and OCR make of Chinese newspapers.

>>> import cnpress
>>> cnpress.clean("潜心 20年的“成果”。")
'潜心20年的“成果”。\\n'
"""

from .check import Finding, check
from .convert import convert_document, convert_text
from .corpus import CleanStep, ParseStep, iter_documents
from .decide import LineModel, load_model
from .model import Article, Block, BlockKind, Byline, Document, Options, Placement, Repair, StyleSpan
from .normalize import normalize_line, normalize_lines
from .pipeline import build_blocks, clean, parse, parse_rules
from .reading import Decoded, DecodeError, decode, decode_bytes, read_decoded, read_text, split_lines
from .rejoin import join_lines
from .render import render_markdown, render_text, to_dict, to_json, to_jsonl
from .spacing import fix_spacing, widen_punctuation

__version__ = "0.1.0"

__all__ = [
    "Article", "Block", "BlockKind", "Byline", "CleanStep", "DecodeError", "Decoded", "Document", "Finding",
    "LineModel", "Options", "ParseStep", "Placement", "Repair", "StyleSpan", "build_blocks", "check", "clean",
    "convert_document", "convert_text", "decode", "decode_bytes", "fix_spacing", "iter_documents", "join_lines",
    "load_model", "normalize_line", "normalize_lines", "parse", "parse_rules", "read_decoded", "read_text",
    "render_markdown", "render_text", "split_lines", "to_dict", "to_json", "to_jsonl",
    "widen_punctuation",
]
