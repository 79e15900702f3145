"""Pinned numerical kernels, so every machine prints the same numbers.

The pages show numbers the snippets print, and the tests fail when a run prints others. BLAS
libraries pick their kernels by CPU at run time, and an AVX-512 kernel sums in a different order
from an AVX2 one: the last bits differ, and training a network or an ill-conditioned solver turns
that into a different third decimal or iteration count (measured on these machines: torch's
transfer-learning accuracies moved by up to 0.004, an L-BFGS fit took 99 iterations instead of
97). So every run uses the AVX2 kernels, which every x86-64 CPU since 2013 has:

- `OPENBLAS_CORETYPE=Haswell`: numpy and SciPy's OpenBLAS.
- `MKL_CBWR=AVX2`: torch's MKL, through Intel's Conditional Numerical Reproducibility setting,
  made for exactly this (the same results on any CPU that has the named instruction set).
- `ATEN_CPU_CAPABILITY=avx2`: torch's own vectorised kernels.

And one thread per BLAS/OpenMP pool (`*_NUM_THREADS=1`): the test run has two workers on two
cores, and a pool per core each oversubscribes the machine; a different thread count can also
change a sum's order. The Makefile exports the same values (a test checks they agree); the test
run, the lab runner and the snippet runner set them for direct runs too. They must be set before
the libraries load, so these set the environment, not the libraries. Other CPU families (ARM)
have their own kernels and may print different last digits.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

__all__ = ["PINNED", "pin"]

PINNED = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_CORETYPE": "Haswell",
    "MKL_CBWR": "AVX2",
    "ATEN_CPU_CAPABILITY": "avx2",
}
"""The environment variables every snippet run gets, and their values."""


def pin(environ: MutableMapping[str, str] | None = None) -> None:
    """Set each pinned variable in `environ` (the process's environment by default) unless set.

    Args:
        environ: The environment to update; `os.environ` if not given.

    Examples:
        >>> from guide_tools.numerics import pin
        >>> env = {"MKL_CBWR": "COMPATIBLE"}
        >>> pin(env)
        >>> env["MKL_CBWR"], env["OPENBLAS_CORETYPE"]
        ('COMPATIBLE', 'Haswell')
    """
    environ = os.environ if environ is None else environ
    for name, value in PINNED.items():
        environ.setdefault(name, value)
