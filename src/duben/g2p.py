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

        self.w_in_fw: Array = np.concatenate(
            [stack("weight_ih", "fw")[gate[n]].T if d == "fw" else np.zeros((self.emb.shape[1], hid)) for d, n in order],
            axis=1,
        ).astype(f32)
        self.w_in_bw: Array = np.concatenate(
            [stack("weight_ih", "bw")[gate[n]].T if d == "bw" else np.zeros((self.emb.shape[1], hid)) for d, n in order],
            axis=1,
        ).astype(f32)
        self.b_in: Array = np.concatenate(
            [stack("bias_ih", d)[gate[n]] + stack("bias_hh", d)[gate[n]] for d, n in order]
        ).astype(f32)
        # Recurrent weights, block-diagonal over [h_fw | h_bw]: one matmul a step.
        w_rec = np.zeros((2 * hid, 8 * hid), dtype=f32)
        for k, (d, n) in enumerate(order):
            rows = slice(0, hid) if d == "fw" else slice(hid, 2 * hid)
            w_rec[rows, k * hid : (k + 1) * hid] = stack("weight_hh", d)[gate[n]].T
        self.w_rec: Array = w_rec
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
        # Input projections of every step at once: [t, b, 8h].
        x = (self.emb[ids] @ self.w_in_fw + self.emb[rev_ids] @ self.w_in_bw + self.b_in).transpose(1, 0, 2)
        x = np.ascontiguousarray(x)
        h = np.zeros((batch, 2 * hid), dtype=np.float32)
        c = np.zeros((batch, 2 * hid), dtype=np.float32)
        out = np.empty((steps, batch, 2 * hid), dtype=np.float32)
        for t in range(steps):
            z = x[t] + h @ self.w_rec
            s = 1.0 / (1.0 + np.exp(-z[:, : 6 * hid]))  # gates i, f, o
            g = np.tanh(z[:, 6 * hid :])
            c = s[:, 2 * hid : 4 * hid] * c + s[:, : 2 * hid] * g
            h = s[:, 4 * hid :] * np.tanh(c)
            out[t] = h
        out = out.transpose(1, 0, 2)
        fw = out[:, :, :hid]
        bw = np.take_along_axis(out[:, :, hid:], rev_pos[:, :, None], axis=1)
        return fw, bw

    def logits(self, sentences: Sequence[str]) -> list[dict[int, Array]]:
        """Logits over all classes for every polyphonic position of each sentence."""
        rows = [[self._bos, *(self.char2idx.get(ch, self._unk) for ch in s), self._eos] for s in sentences]
        targets = [[i for i, ch in enumerate(s) if ch in self.candidates] for s in sentences]
        results: list[dict[int, Array]] = [{} for _ in sentences]
        todo = [k for k, tg in enumerate(targets) if tg]
        if not todo:
            return results
        lengths = np.array([len(rows[k]) for k in todo], dtype=np.intp)
        ids = np.zeros((len(todo), int(lengths.max())), dtype=np.intp)
        for r, k in enumerate(todo):
            ids[r, : len(rows[k])] = rows[k]
        fw, bw = self._hidden_states(ids, lengths)
        rr = np.array([r for r, k in enumerate(todo) for _ in targets[k]], dtype=np.intp)
        tt = np.array([i + 1 for k in todo for i in targets[k]], dtype=np.intp)  # +1: BOS
        feats = np.concatenate([fw[rr, tt], bw[rr, tt]], axis=1)
        hidden = np.maximum(feats @ self.w0 + self.b0, 0.0)
        logits = hidden @ self.w1.T + self.b1
        n = 0
        for k in todo:
            for i in targets[k]:
                results[k][i] = logits[n]
                n += 1
        return results

    def guesses(self, sentences: Sequence[str]) -> list[dict[int, Guess]]:
        """For each sentence, a :class:`Guess` per polyphonic character index."""
        out: list[dict[int, Guess]] = []
        for sentence, per_pos in zip(sentences, self.logits(sentences), strict=True):
            row: dict[int, Guess] = {}
            for i, logit in per_pos.items():
                ch = sentence[i]
                sub = logit[self._class_ids[ch]].astype(np.float64)
                p = np.exp(sub - sub.max())
                p /= p.sum()
                order = np.argsort(-p, kind="stable")
                cands = self.candidates[ch]
                row[i] = Guess(tuple(cands[j] for j in order), tuple(float(p[j]) for j in order))
            out.append(row)
        return out

    def argmax_all(self, sentences: Sequence[str]) -> list[dict[int, str]]:
        """g2pM's own decision (argmax over every class), for evaluation."""
        return [
            {i: self.classes[int(np.argmax(v))] for i, v in per_pos.items()} for per_pos in self.logits(sentences)
        ]


@cache
def model() -> G2PModel:
    """Load g2pM's weights once per process (about 1.5 MB of numpy arrays)."""
    import g2pM  # type: ignore[import-untyped]

    return G2PModel(Path(g2pM.__file__).parent)
