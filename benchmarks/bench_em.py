"""Per-iteration time of gmm_teach.fit against scikit-learn and the chapter's own loop.

Same data, same initial parameters, same number of iterations, tol = 0, reg_covar = 0 (as the
chapter), all in one run,
interleaved, medians. Per-iteration time is measured as (T(m2) - T(m1)) / (m2 - m1),
which cancels set-up costs (validation, initialisation) that are paid once per fit.
Every contender runs under the same threadpoolctl limit (printed).

Also prints the memory-bandwidth floor of one iteration (the bytes an iteration must
touch, divided by the measured copy bandwidth) and the peak extra memory of fit.

    python benchmarks/bench_em.py            # full table, n = 1e3 .. 1e6 (about 5 minutes)
    python benchmarks/bench_em.py --quick    # n = 1e3 .. 1e5
"""
from __future__ import annotations

import argparse
import platform
import time
import tracemalloc
import warnings

import numpy as np
from threadpoolctl import threadpool_limits

import gmm_teach as gt
from gmm_teach.textbook import em_gmm

warnings.simplefilter("ignore")  # ConvergenceWarning with tol=0 is expected here


def make_data(n, d, K, seed=0):
    """X (n, d) from K unit-covariance Gaussians, and a starting point near the truth (so that no
    contender's component collapses: the chapter's code has no reg_covar to survive that)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=4.0, size=(K, d))
    z = rng.integers(K, size=n)
    X = centres[z] + rng.standard_normal((n, d))
    start = gt.GMMParams(np.full(K, 1.0 / K), centres + rng.normal(scale=0.5, size=(K, d)),
                         np.repeat(1.5 * np.eye(d)[None], K, axis=0))
    return X, start


def run_ours(X, init, m):
    return gt.fit(X, init.K, init=init, max_iter=m, tol=0.0, reg_covar=0.0).log_likelihoods[-1]


def run_sklearn(X, init, m):
    from sklearn.mixture import GaussianMixture
    gm = GaussianMixture(init.K, covariance_type="full", tol=0.0, max_iter=m, reg_covar=0.0,
                         init_params="random_from_data", weights_init=init.phi, means_init=init.mu,
                         precisions_init=np.linalg.inv(init.sigma))
    gm.fit(X)
    return gm.score(X) * X.shape[0]


def run_chapter(X, init, m):
    lls = em_gmm(X, init.K, num_iters=m, tol=-1.0, init=(init.phi, init.mu, init.sigma))[4]
    return lls[-1]


CONTENDERS = {"gmm_teach": run_ours, "sklearn": run_sklearn, "chapter": run_chapter}


def per_iteration(X, init, reps, m1=2, m2=12):
    """Median per-iteration seconds for each contender, interleaved; and final log-likelihoods."""
    times = {name: [] for name in CONTENDERS}
    lls = {}
    for _ in range(reps):
        for name, run in CONTENDERS.items():
            t0 = time.perf_counter()
            run(X, init, m1)
            t1 = time.perf_counter()
            lls[name] = run(X, init, m2)
            t2 = time.perf_counter()
            times[name].append(((t2 - t1) - (t1 - t0)) / (m2 - m1))
    return {name: float(np.median(t)) for name, t in times.items()}, lls


def copy_bandwidth(nbytes=400_000_000, reps=5):
    """Bytes per second moved by np.copyto (read + write counted)."""
    src = np.ones(nbytes // 8)
    dst = np.empty_like(src)
    best = min(_timed(np.copyto, dst, src) for _ in range(reps))
    return 2 * src.nbytes / best


def _timed(f, *args):
    t = time.perf_counter()
    f(*args)
    return time.perf_counter() - t


def bytes_per_iteration(n, d, K):
    """What one EM iteration must at least touch: E-step reads X and writes the (K, n)
    responsibilities; the M-step reads them and X again (means), and again (covariances)."""
    x, r = n * d * 8, n * K * 8
    return (x + r) + (x + r) + (x + r)


def peak_memory(n=1_000_000, d=2, K=3, iters=(5, 50)):
    X, init = make_data(n, d, K)
    rows = []
    for m in iters:
        tracemalloc.start()
        gt.fit(X, K, init=init, max_iter=m, tol=0.0)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append((m, peak))
    budget = 3 * (X.nbytes + n * K * 8)
    return rows, budget


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="n up to 1e5 only")
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for every contender (default 1)")
    args = parser.parse_args()
    ns = [10**3, 10**4, 10**5] + ([] if args.quick else [10**6])
    shapes = [(2, 3), (10, 10)]
    import sklearn
    print(f"# bench_em: numpy {np.__version__}, scikit-learn {sklearn.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, BLAS threads = {args.threads} for every contender")
    with threadpool_limits(limits=args.threads):
        bandwidth = copy_bandwidth()
        print(f"# copy bandwidth: {bandwidth / 1e9:.1f} GB/s\n")
        print("| n | d | K | gmm_teach ms/iter | sklearn ms/iter | chapter ms/iter | sklearn / gmm_teach | chapter / gmm_teach "
              "| floor ms | gmm_teach / floor | max rel. LL diff |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for d, K in shapes:
            for n in ns:
                X, init = make_data(n, d, K)
                reps = 7 if n <= 10**4 else (3 if n <= 10**5 else 2)
                t, lls = per_iteration(X, init, reps)
                floor = bytes_per_iteration(n, d, K) / bandwidth
                ref = lls["gmm_teach"]
                diff = max(abs(v - ref) / abs(ref) for v in lls.values())
                print(f"| {n:.0e} | {d} | {K} | {t['gmm_teach'] * 1e3:.2f} | {t['sklearn'] * 1e3:.2f} | "
                      f"{t['chapter'] * 1e3:.2f} | {t['sklearn'] / t['gmm_teach']:.2f}x | {t['chapter'] / t['gmm_teach']:.2f}x | "
                      f"{floor * 1e3:.2f} | {t['gmm_teach'] / floor:.0f}x | {diff:.1e} |", flush=True)
        rows, budget = peak_memory()
        print(f"\n# peak extra memory of fit (tracemalloc), n = 1e6, d = 2, K = 3; budget 3 x (X + n x K responsibilities) "
              f"= {budget / 1e6:.0f} MB")
        for m, peak in rows:
            print(f"#   max_iter = {m:3d}: {peak / 1e6:.1f} MB ({peak / budget:.2f} of the budget)")


if __name__ == "__main__":
    main()
