"""Polyphone disambiguation with g2pM's BiLSTM, run in batches with probabilities.

g2pM (Park & Lee, Interspeech 2020) ships its weights as numpy arrays, but its
``predict`` handles one sentence at a time and returns only the argmax over all
876 readings. duben needs more: the probability of the chosen reading among the
character's own candidates (to know when pypinyin's phrase table should win),
and speed (many sentences per call). So this module loads g2pM's files and runs
the same network itself: embedding → one-layer BiLSTM (PyTorch gate order
i, f, g, o) → two-layer MLP, on the polyphonic positions only.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

_PAD, _UNK, _BOS, _EOS = "<PAD>", "<UNK>", "시", "끝"  # g2pM's special tokens

Array = npt.NDArray[np.float32]

#: Sentences per LSTM batch. 16 rows keep every matrix product under
#: OpenBLAS's threading threshold (m·n·k < 262144), where threads only add
#: overhead; on a busy 2-core machine they halved throughput.
_GROUP = 16


def numbered(g2pm_reading: str) -> str:
    """g2pM writes ü as ``u:`` (``lu:4``); duben writes ``v`` (``lv4``)."""
    return g2pm_reading.replace("u:", "v")


@dataclass(frozen=True)
class Guess:
    """The model's readings for one character, most probable first.

    ``probs`` are a softmax over the character's own candidates only, so they
    say how sure the model is between the readings that are actually possible.
    """

    readings: tuple[str, ...]
    probs: tuple[float, ...]

    @property
    def best(self) -> str:
        return self.readings[0]

    @property
    def confidence(self) -> float:
        return self.probs[0]


def _load(path: Path) -> Any:
    """One of g2pM's pickles (its own package files, not user input)."""
    with path.open("rb") as fh:
        return pickle.load(fh)


class G2PModel:
    """g2pM's network and dictionaries, read-only after construction."""

    def __init__(self, folder: Path) -> None:
        self.char2idx: dict[str, int] = _load(folder / "char2idx.pkl")
        class2idx: dict[str, int] = _load(folder / "class2idx.pkl")
        cedict: dict[str, list[str]] = _load(folder / "digest_cedict.pkl")
        state: dict[str, Any] = _load(folder / "np_ckpt.pkl")

        # Polyphonic characters and the class indices of their readings.
        self.candidates: dict[str, tuple[str, ...]] = {}
        self._class_ids: dict[str, npt.NDArray[np.intp]] = {}
        for ch, prons in cedict.items():
            if len(prons) > 1 and all(p in class2idx for p in prons):
                self.candidates[ch] = tuple(numbered(p) for p in prons)
                self._class_ids[ch] = np.array([class2idx[p] for p in prons], dtype=np.intp)
        idx2class = {i: numbered(p) for p, i in class2idx.items()}
        self.classes = tuple(idx2class[i] for i in range(len(idx2class)))

        f32 = np.float32
        self.emb: Array = state["embedding.weight"].astype(f32)
        hid = state["lstm.weight_hh_l0"].shape[1]
        self.hidden = hid
        # PyTorch stacks the gates as rows [i; f; g; o]. Regroup the columns of
        # both directions as [i_fw i_bw | f_fw f_bw | o_fw o_bw | g_fw g_bw]:
        # one sigmoid and one tanh then cover a step of both directions, and
        # each gate lines up with the state [h_fw h_bw] without copying.
        gate = {name: slice(k * hid, (k + 1) * hid) for k, name in enumerate("ifgo")}
        order = [(d, name) for name in "ifog" for d in ("fw", "bw")]
        suffix = {"fw": "", "bw": "_reverse"}

        def stack(kind: str, d: str) -> Any:
            return state[f"lstm.{kind}_l0{suffix[d]}"]

        # Input projection of every vocabulary entry, computed once: a step's
        # input is then a row lookup instead of a matmul. [vocab, 8h] each.
        emb = self.emb.astype(np.float64)
        zeros = np.zeros((emb.shape[1], hid))
        w_fw = np.concatenate([stack("weight_ih", "fw")[gate[n]].T if d == "fw" else zeros for d, n in order], axis=1)
        w_bw = np.concatenate([stack("weight_ih", "bw")[gate[n]].T if d == "bw" else zeros for d, n in order], axis=1)
        bias = np.concatenate([stack("bias_ih", d)[gate[n]] + stack("bias_hh", d)[gate[n]] for d, n in order])
        # sigmoid(z) = 0.5 + 0.5·tanh(z/2): halving the i, f, o columns lets one
        # tanh over all gates serve both nonlinearities.
        scale = np.array([0.5] * (6 * hid) + [1.0] * (2 * hid))
        self.proj_fw: Array = ((emb @ w_fw + bias) * scale).astype(f32)
        self.proj_bw: Array = ((emb @ w_bw) * scale).astype(f32)
        # Recurrent weights, block-diagonal over [h_fw | h_bw]: one matmul a step.
        w_rec = np.zeros((2 * hid, 8 * hid))
        for k, (d, n) in enumerate(order):
            rows = slice(0, hid) if d == "fw" else slice(hid, 2 * hid)
            w_rec[rows, k * hid : (k + 1) * hid] = stack("weight_hh", d)[gate[n]].T
        self.w_rec: Array = (w_rec * scale).astype(f32)
        self.w0: Array = state["logit_layer.0.weight"].T.astype(f32)
        self.b0: Array = state["logit_layer.0.bias"].astype(f32)
        self.w1: Array = state["logit_layer.2.weight"].astype(f32)  # [classes, h]
        self.b1: Array = state["logit_layer.2.bias"].astype(f32)
        self._unk = self.char2idx[_UNK]
        self._bos = self.char2idx[_BOS]
        self._eos = self.char2idx[_EOS]

    def is_polyphone(self, ch: str) -> bool:
        return ch in self.candidates

    def _hidden_states(self, ids: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]) -> tuple[Array, Array]:
        """Forward and backward hidden states [b, t, h] for padded id rows."""
        batch, steps = ids.shape
        hid = self.hidden
        # Each row reversed within its own length; padding stays at the end.
        pos = np.arange(steps)[None, :]
        rev_pos = np.where(pos < lengths[:, None], lengths[:, None] - 1 - pos, pos)
        rev_ids = np.take_along_axis(ids, rev_pos, axis=1)
        x = self.proj_fw[ids.T] + self.proj_bw[rev_ids.T]  # [t, b, 8h]
        h = np.zeros((batch, 2 * hid), dtype=np.float32)
        c = np.zeros((batch, 2 * hid), dtype=np.float32)
        out = np.empty((steps, batch, 2 * hid), dtype=np.float32)
        i, f, o, g = (slice(k * 2 * hid, (k + 1) * 2 * hid) for k in range(4))
        for t in range(steps):
            z = np.tanh(x[t] + h @ self.w_rec)
            s = z * 0.5 + 0.5  # sigmoid of the gates i, f, o (g is z itself)
            c = s[:, f] * c + s[:, i] * z[:, g]
            h = s[:, o] * np.tanh(c)
            out[t] = h
        out = out.transpose(1, 0, 2)
        fw = out[:, :, :hid]
        bw = np.take_along_axis(out[:, :, hid:], rev_pos[:, :, None], axis=1)
        return fw, bw

    def _hidden(self, sentences: Sequence[str]) -> tuple[list[tuple[int, int]], Array]:
        """(sentence, index) of every polyphone and its MLP hidden layer [n, h].

        Sentences run in groups of at most :data:`_GROUP`, sorted by length:
        little padding, and matrices small enough that OpenBLAS stays on one
        thread (its threads only spin on products this small).
        """
        targets = [(k, i) for k, s in enumerate(sentences) for i, ch in enumerate(s) if ch in self.candidates]
        if not targets:
            return [], np.zeros((0, self.w0.shape[1]), dtype=np.float32)
        todo = sorted({k for k, _ in targets}, key=lambda k: len(sentences[k]))
        feats: dict[tuple[int, int], Array] = {}
        for g in range(0, len(todo), _GROUP):
            group = todo[g : g + _GROUP]
            rows = [[self._bos, *(self.char2idx.get(ch, self._unk) for ch in sentences[k]), self._eos] for k in group]
            lengths = np.array([len(r) for r in rows], dtype=np.intp)
            ids = np.zeros((len(group), int(lengths.max())), dtype=np.intp)
            for r, row in enumerate(rows):
                ids[r, : len(row)] = row
            fw, bw = self._hidden_states(ids, lengths)
            both = np.concatenate([fw, bw], axis=2)
            for r, k in enumerate(group):
                for i, ch in enumerate(sentences[k]):
                    if ch in self.candidates:
                        feats[k, i] = both[r, i + 1]  # +1: BOS
        stacked = np.stack([feats[t] for t in targets])
        hidden = np.concatenate(
            [np.maximum(stacked[a : a + _GROUP] @ self.w0 + self.b0, 0.0) for a in range(0, len(targets), _GROUP)]
        )
        return targets, hidden

    def logits(self, sentences: Sequence[str]) -> list[dict[int, Array]]:
        """Logits over all classes for every polyphonic position of each sentence."""
        targets, hidden = self._hidden(sentences)
        results: list[dict[int, Array]] = [{} for _ in sentences]
        for (k, i), row in zip(targets, hidden @ self.w1.T + self.b1, strict=True):
            results[k][i] = row
        return results

    def guesses(self, sentences: Sequence[str]) -> list[dict[int, Guess]]:
        """For each sentence, a :class:`Guess` per polyphonic character index.

        Only the logits of each character's own candidates are computed.
        """
        targets, hidden = self._hidden(sentences)
        out: list[dict[int, Guess]] = [{} for _ in sentences]
        if not targets:
            return out
        owner = np.array([n for n, (k, i) in enumerate(targets) for _ in self._class_ids[sentences[k][i]]])
        classes = np.concatenate([self._class_ids[sentences[k][i]] for k, i in targets])
        scores = np.einsum("pk,pk->p", hidden[owner], self.w1[classes]) + self.b1[classes]
        flat = scores.tolist()
        pos = 0
        for k, i in targets:
            cands = self.candidates[sentences[k][i]]
            sub = flat[pos : pos + len(cands)]
            pos += len(cands)
            top = max(sub)
            exps = [math.exp(v - top) for v in sub]
            total = sum(exps)
            order = sorted(range(len(cands)), key=lambda j: -exps[j])
            out[k][i] = Guess(tuple(cands[j] for j in order), tuple(exps[j] / total for j in order))
        return out

    def argmax_all(self, sentences: Sequence[str]) -> list[dict[int, str]]:
        """g2pM's own decision (argmax over every class), for evaluation."""
        return [{i: self.classes[int(np.argmax(v))] for i, v in per_pos.items()} for per_pos in self.logits(sentences)]


@cache
def model() -> G2PModel:
    """Load g2pM's weights once per process (about 1.5 MB of numpy arrays)."""
    import g2pM  # type: ignore[import-untyped]

    return G2PModel(Path(g2pM.__file__).parent)
