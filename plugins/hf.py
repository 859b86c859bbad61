"""Built-in plugin: the ``hf`` backend, any local Hugging Face causal LM folder.

``--backend hf:MODEL_DIR`` loads the folder offline through transformers
(``AutoModelForCausalLM``/``AutoTokenizer``, ``local_files_only=True``) the first time
candidates are asked for, not when the backend is created: listing backends or
validating options stays cheap and never imports torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from spf import hookimpl
from spf.backends import Backend, Prompt
from spf.errors import SpfError


class HfBackend(Backend):
    """Candidates from a local transformers causal LM (completion-style prompts)."""

    name = "hf"
    extra = "neural"
    prompt_style = "completion"
    needs_argument = True

    @dataclass
    class Options:
        """Options of the hf backend (``--backend-option KEY=VALUE`` or ``[spf.backend_options]``)."""

        dtype: Literal["auto", "float32", "bfloat16", "float16"] = field(
            default="auto",
            metadata={"help": "weights dtype; auto: float32 on cpu, bfloat16 (or float16) on cuda"},
        )
        device: Literal["auto", "cpu", "cuda", "mps"] = field(
            default="auto", metadata={"help": "auto: cuda when torch sees a GPU, else mps, else cpu"}
        )
        temperature: float = field(
            default=0.0, metadata={"help": "0 = greedy (one candidate); > 0 samples"}
        )
        top_p: float = field(default=1.0, metadata={"help": "nucleus sampling mass, in (0, 1]"})
        max_new_tokens: int = field(
            default=256, metadata={"help": "tokens generated per candidate at most"}
        )
        stop: list[str] = field(
            default_factory=list,
            metadata={
                "help": "extra stop sequences (the prompt's own are always used); text is cut "
                "at the first one"
            },
        )
        batch_size: int = field(
            default=4, metadata={"help": "candidates generated together in one forward pass"}
        )
        seed: int | None = field(
            default=None,
            metadata={"help": "fixed sampling seed; by default the seed the loop passes is used"},
        )
        patches: list[str] = field(
            default_factory=list,
            metadata={
                "help": "repair patches (spf repair) or lesson adapters (peft folders) "
                "applied to the model after loading, in order"
            },
        )

        def __post_init__(self) -> None:
            if self.temperature < 0:
                raise SpfError(
                    f"option 'temperature' of backend 'hf' must be >= 0, not {self.temperature}",
                    hint="0 means greedy decoding",
                )
            if not 0 < self.top_p <= 1:
                raise SpfError(
                    f"option 'top_p' of backend 'hf' must be in (0, 1], not {self.top_p}"
                )
            if self.max_new_tokens < 1:
                raise SpfError(
                    f"option 'max_new_tokens' of backend 'hf' must be >= 1, "
                    f"not {self.max_new_tokens}"
                )
            if self.batch_size < 1:
                raise SpfError(
                    f"option 'batch_size' of backend 'hf' must be >= 1, not {self.batch_size}"
                )
            if isinstance(self.stop, str):
                self.stop = [self.stop]
            if isinstance(self.patches, str):
                self.patches = [self.patches]

    def __init__(self, argument: str | None = None, options: dict | None = None):
        super().__init__(argument, options)
        from spf.neural.loading import check_model_folder

        self.folder = check_model_folder(self.argument)
        self._loaded = None

    @property
    def model_id(self) -> str:
        """Model folder plus applied patches: a patched model is another model for the cache."""
        base = f"hf:{self.folder}"
        if self.options.patches:
            base += "+" + "+".join(self.options.patches)
        return base

    @property
    def base_version(self) -> str:
        """Changes when the folder's weights or config change (a rebuilt model in the same
        folder is another model); patches applied on top do not count here."""
        import hashlib

        digest = hashlib.sha256((self.folder / "config.json").read_bytes())
        for path in sorted(self.folder.iterdir()):
            if path.suffix in (".safetensors", ".bin") or path.name.startswith("tokenizer"):
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return "1:" + digest.hexdigest()[:16]

    @property
    def cache_version(self) -> str:
        """The base version plus the applied patches' contents, not only their paths: another
        patch saved under the same name is another model for the completion cache."""
        import hashlib

        if not self.options.patches:
            return self.base_version
        digest = hashlib.sha256(self.base_version.encode())
        for patch in self.options.patches:
            patch_path = Path(patch)
            files = sorted(patch_path.iterdir()) if patch_path.is_dir() else [patch_path]
            for path in files:  # a patch file, or a lesson's peft adapter folder
                if path.is_file():
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
        return "1:" + digest.hexdigest()[:16]

    @property
    def fingerprint(self) -> str:
        """The base model's content fingerprint (config, weights, tokenizer), computed once and
        cached: the key of its folder in the user-level lesson store (``spf.lessons``)."""
        from spf.lessons import model_fingerprint

        return model_fingerprint(self.folder)

    @property
    def loaded(self):
        """The model and tokenizer, loaded on first use (shared per process and settings)."""
        if self._loaded is None:
            from spf.hf_model import load_causal_lm

            self._loaded = load_causal_lm(
                self.folder,
                dtype=self.options.dtype,
                device=self.options.device,
                patches=self.options.patches,
            )
        return self._loaded

    def generate(self, prompt: Prompt, n: int = 1, seed: int = 0) -> list[str]:
        """Up to ``n`` candidates for ``prompt.text`` (exactly one when greedy)."""
        from spf.hf_model import GenerationSettings

        options = self.options
        stops = list(dict.fromkeys([*prompt.stop, *options.stop]))
        settings = GenerationSettings(
            temperature=options.temperature,
            top_p=options.top_p,
            max_new_tokens=options.max_new_tokens,
            stop=stops,
            seed=options.seed if options.seed is not None else seed,
        )
        completions = self.loaded.complete(prompt.text, n, settings, batch_size=options.batch_size)
        return [completion.text for completion in completions]


@hookimpl
def register_backends(register):
    register(HfBackend)
