"""The teachers' command line.

    python -m gmm_teach animate --k 3 --seed 11 --out em.gif     # the chapter's EM, as a GIF for slides
    python -m gmm_teach animate --out em.html                    # the same as a web page with a player
    gmm-teach animate --help                                     # (the installed console script)

A wrong option value (or settings whose output would be absurdly large) prints one line to
stderr and exits with status 2; a failed EM run (a collapsed component, ...), a file that
cannot be written (a full disk, ...) or running out of memory prints one line and exits with
status 1; Ctrl-C prints one line and exits with status 130. The file is written beside its
target and renamed onto it when complete, so a failure never leaves it truncated. Success
prints one line saying what was written.
"""
from __future__ import annotations

import argparse
import decimal
import math
import sys
import textwrap
import time
import warnings
from pathlib import Path

from .data import TEXTBOOK_TRUTH, textbook_counts, textbook_data
from .em import INIT_METHODS, ComponentCollapseError, ConvergenceWarning, fit
from .i18n import LANGUAGES, get_language, say, set_language

PROG = "gmm_teach"
MAX_K = 10  # one colour each in the package's palette; more is unreadable in one picture anyway
MAX_N = 100_000  # every frame draws every point: beyond this a GIF takes minutes
# The chapter draws int(weight * n) points per true component: below this n one of them gets none.
MIN_N = next(n for n in range(1, 1000) if textbook_counts(n).min() >= 1)
# The same as gmm_teach.animation's (not imported here: matplotlib would slow down --help).
MIN_DPI, MAX_DPI = 20, 300
MAX_TOTAL_PIXELS = 500_000_000  # frames x pixels a frame
FRAME_INCHES = 5  # DEFAULT_FIGSIZE
MAX_SEED = 2**32 - 1  # numpy's legacy RandomState (the chapter's) accepts 0 .. 2**32 - 1
OUT_SUFFIXES = (".gif", ".html", ".htm")

MESSAGES = {
    "en": {
        "written": "Wrote {path}: {frames} frames (EM iterations {first} to {last}; {status}{clamped}), {size}, in {seconds:.1f} s.",
        "converged": "converged after {n_iter} iterations",
        "not_converged": "stopped at --max-iter {n_iter} before converging",
        "clamped": "; --frames {asked} is more than the {available} snapshots, so every one is shown",
        "int_range": "{option} must be an integer between {low} and {high}; received {value}",
        "int_low": "{option} must be an integer >= {low}; received {value}",
        "n_range": "--n must be an integer between {low} and {high} (the chapter draws int(weight * n) points per true component, so a smaller --n leaves one without any); received {value}",
        "number_low": "{option} must be a number >= {low}; received {value}",
        "number_finite": "{option} must be a finite number >= {low}; received {value}",
        "underflow": "{option} {value} is positive but too small for a floating-point number (the smallest is about 5e-324), so it would silently become 0; use 0 for none or a number >= 5e-324",
        "out_suffix": "--out must end in .gif (an animated GIF) or .html (a web page with a player); received {value}",
        "out_no_name": "--out {value} has no file name before the extension; give one such as {example}",
        "out_dir": "--out: the directory {directory} does not exist; create it first or choose another path",
        "too_large": "--dpi {dpi} with {frames} frames would draw {frames} frames of {px} x {px} pixels ({total:.3g} pixels), more than the {limit:.3g} allowed; use a smaller --dpi, --frames or --max-iter",
        "out_of_memory": "ran out of memory{while_}; use a smaller --dpi, --frames, --max-iter or --n",
        "while_writing": " while writing {path} ({frames} frames of {px} x {px} pixels)",
        "interrupted": "interrupted (Ctrl-C); {path} was not written or changed",
        "k_gt_n": "--k {k} needs at least {k} data points, but --n {n} gives {m}; use a smaller --k or a larger --n",
        "fit_failed": "EM failed: {reason}",
        "collapse_hint": " On the command line: --reg-covar 1e-6, or another --seed or --init.",
        "write_failed": "could not write {path}: {reason}; it was not written or changed",
    },
    "ja": {
        "written": "{path} を書き出しました: {frames} フレーム（EM の反復 {first}〜{last}、{status}{clamped}）、{size}、{seconds:.1f} 秒。",
        "converged": "{n_iter} 回の反復で収束",
        "not_converged": "--max-iter {n_iter} 回で打ち切り（未収束）",
        "clamped": "。--frames {asked} は記録された {available} 個より多いため、すべてを表示",
        "int_range": "{option} には {low} から {high} までの整数を指定してください（受け取った値: {value}）",
        "int_low": "{option} には {low} 以上の整数を指定してください（受け取った値: {value}）",
        "n_range": "--n には {low} から {high} までの整数を指定してください（各成分から int(重み * n) 個を生成するので、これより小さいと点のない成分ができます）（受け取った値: {value}）",
        "number_low": "{option} には {low} 以上の数を指定してください（受け取った値: {value}）",
        "number_finite": "{option} には {low} 以上の有限の数を指定してください（受け取った値: {value}）",
        "underflow": "{option} {value} は正の数ですが浮動小数点数で表せないほど小さく（最小は約 5e-324）、黙って 0 になってしまいます。正則化なしなら 0、それ以外は 5e-324 以上を指定してください",
        "out_suffix": "--out の拡張子は .gif（アニメーション GIF）か .html（再生ボタン付きのウェブページ）にしてください（受け取った値: {value}）",
        "out_no_name": "--out {value} には拡張子の前のファイル名がありません。{example} のように指定してください",
        "out_dir": "--out: ディレクトリ {directory} がありません。先に作るか、別の場所を指定してください",
        "too_large": "--dpi {dpi} で {frames} フレームでは {px} x {px} ピクセルのフレームが {frames} 枚（計 {total:.3g} ピクセル）となり、上限 {limit:.3g} を超えます。--dpi、--frames または --max-iter を小さくしてください",
        "out_of_memory": "メモリが足りなくなりました{while_}。--dpi、--frames、--max-iter または --n を小さくしてください",
        "while_writing": "（{path} の書き出し中、{px} x {px} ピクセルのフレーム {frames} 枚）",
        "interrupted": "中断しました (Ctrl-C)。{path} は書き出しも変更もしていません",
        "k_gt_n": "--k {k} には少なくとも {k} 個のデータ点が必要ですが、--n {n} では {m} 個です。--k を小さくするか --n を大きくしてください",
        "fit_failed": "EM が失敗しました: {reason}",
        "collapse_hint": " コマンドラインでは --reg-covar 1e-6 を指定するか、--seed や --init を変えてください。",
        "write_failed": "{path} を書き出せませんでした: {reason}。ファイルは書き出しも変更もしていません",
    },
}


class _UsageError(Exception):
    """A bad command line: one line to stderr, exit status 2."""


class _Exit(Exception):
    """argparse wants to stop (after --help): exit with this status."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse, but errors become one line (no usage block) and nothing calls sys.exit."""

    def error(self, message):
        raise _UsageError(f"{self.prog}: error: {message}")

    def exit(self, status=0, message=None):
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


HELP = {
    "en": {
        "description": "Gaussian mixture models and EM, for teaching: command-line tools.",
        "animate": "Fit a Gaussian mixture by EM to the chapter's data and save the run as a GIF or web page.",
        "animate_description": (
            "Fit a K-component Gaussian mixture by EM to the chapter's data (three 2-D Gaussians, "
            "weights 0.3 / 0.4 / 0.3) and save one frame per EM iteration: the data coloured by "
            "responsibility, each component's 1- and 2-sigma ellipses and its mean. "
            "With the defaults it reproduces the animation at the end of the chapter."),
        "epilog": ("Examples:\n  python -m gmm_teach animate --k 3 --seed 11 --out em.gif\n"
                   "  python -m gmm_teach animate --k 4 --init kmeans++ --frames 20 --out em4.html\n"
                   "Exit status: 0 written; 1 EM failed or the file could not be written; 2 bad option."),
        "k": f"Number of mixture components K to fit, an integer from 1 to {MAX_K} (default 3, as the chapter).",
        "seed": "Seed of the random initialisation, 0 or more (default 11, the chapter's np.random.seed(11)).",
        "init": ("How EM starts: 'textbook' picks K data points as means with the data covariance everywhere "
                 "(the chapter's), 'random' starts from random responsibilities, 'kmeans++' spreads the means "
                 "out by k-means++ seeding (default textbook)."),
        "data_seed": "Seed of the data, 0 or more (default 42, the chapter's np.random.seed(42)).",
        "n": (f"Number of data points to generate, from {MIN_N} to {MAX_N}; the chapter draws int(weight * N) "
              f"points from each true component (default 1000)."),
        "frames": ("Number of frames, 2 or more, spread evenly from the initialisation to the last iteration "
                   "(default: one frame per iteration; more than EM produced means all of them)."),
        "fps": ("Frames per second, an integer from 1 to 50 (default 5 for a GIF, 2 for a web page: "
                "the chapter's 500 ms per frame)."),
        "dpi": (f"Resolution of a 5 x 5 inch frame in dots per inch, from {MIN_DPI} to {MAX_DPI} (default 80 for a "
                f"GIF, 60 for a web page, which keeps a 60-iteration page under 2 MB); frames x pixels are "
                f"limited to {MAX_TOTAL_PIXELS:.0e} (at dpi {MAX_DPI}, {MAX_TOTAL_PIXELS // (FRAME_INCHES * MAX_DPI) ** 2} frames)."),
        "max_iter": ("Maximum number of EM iterations, from 1 to 10000; EM stops earlier when the log-likelihood "
                     "changes by less than 1e-5 (default 100, as the chapter)."),
        "reg_covar": ("Number >= 0 added to every covariance diagonal so that no component can collapse onto a "
                      "point (default 1e-6, which gives the chapter's 58 iterations; 0 is the chapter's code exactly)."),
        "truth": "Also draw the true components that generated the data as dashed ellipses.",
        "grey": "Draw every point in plain grey, as the chapter does, instead of coloured by responsibility.",
        "out": ("File to write: a name ending in .gif writes an animated GIF (for slides), .html a web page "
                "with a player (default em.gif); its directory must exist."),
        "lang": "Language of this help and of the messages: ja or en (default: en).",
    },
    "ja": {
        "description": "混合ガウスモデルと EM アルゴリズムを教えるためのコマンドラインツール。",
        "animate": "教科書のデータに EM で混合ガウスモデルを当てはめ, その過程を GIF またはウェブページに保存する。",
        "animate_description": (
            "教科書のデータ (混合係数 0.3 / 0.4 / 0.3 の 2 次元ガウス分布 3 つ) に K 成分の混合ガウスモデルを "
            "EM で当てはめ, 反復ごとに 1 フレームを保存する。各フレームには, 負担率で色づけしたデータ, "
            "各成分の 1σ と 2σ の楕円, 平均が描かれる。既定値のままなら教科書の章末のアニメーションを再現する。"),
        "epilog": ("例:\n  python -m gmm_teach animate --k 3 --seed 11 --out em.gif\n"
                   "  python -m gmm_teach animate --k 4 --init kmeans++ --frames 20 --out em4.html\n"
                   "終了ステータス: 0 書き出し成功, 1 EM の失敗または書き出しの失敗, 2 オプションの誤り。"),
        "k": f"当てはめる成分の数 K。1 から {MAX_K} までの整数 (既定値 3, 教科書と同じ)。",
        "seed": "初期化の乱数のシード。0 以上の整数 (既定値 11, 教科書の np.random.seed(11))。",
        "init": ("EM の初期化の方法。'textbook' はデータ点から K 個を選んで平均とし, 共分散行列はすべてデータ全体の"
                 "共分散行列とする (教科書の方法)。'random' は乱数の負担率から始め, 'kmeans++' は k-means++ の"
                 "方法で平均を散らばらせる (既定値 textbook)。"),
        "data_seed": "データを生成する乱数のシード。0 以上の整数 (既定値 42, 教科書の np.random.seed(42))。",
        "n": (f"生成するデータ点の数。{MIN_N} から {MAX_N} まで。教科書と同じく各成分から int(混合係数 * N) 点を引く "
              f"(既定値 1000)。"),
        "frames": ("フレーム数。2 以上で, 初期値から最後の反復までを等間隔に選ぶ (既定値: 反復ごとに 1 フレーム。"
                   "反復回数より多く指定するとすべてを使う)。"),
        "fps": "1 秒あたりのフレーム数。1 から 50 までの整数 (既定値 GIF は 5, ウェブページは 2: 教科書の 500 ms)。",
        "dpi": (f"5 x 5 インチのフレームの解像度 (dpi)。{MIN_DPI} から {MAX_DPI} まで (既定値 GIF は 80, ウェブページは 60。"
                f"60 回の反復でもページが 2 MB 未満に収まる)。フレーム数 x ピクセル数の上限は {MAX_TOTAL_PIXELS:.0e} (dpi {MAX_DPI} なら "
                f"{MAX_TOTAL_PIXELS // (FRAME_INCHES * MAX_DPI) ** 2} フレーム)。"),
        "max_iter": ("EM の反復回数の上限。1 から 10000 まで。対数尤度の変化が 1e-5 未満になればその前に止まる "
                     "(既定値 100, 教科書と同じ)。"),
        "reg_covar": ("各共分散行列の対角に加える 0 以上の数。成分が 1 点につぶれるのを防ぐ (既定値 1e-6。"
                      "このときも教科書と同じ 58 回で収束する。0 にすると教科書のコードそのものになる)。"),
        "truth": "データを生成した真の成分も破線の楕円で描く。",
        "grey": "教科書と同じく, 点を負担率で色づけせずすべて灰色で描く。",
        "out": ("書き出すファイル。.gif で終わる名前ならアニメーション GIF (スライド用), .html なら再生ボタン付きの "
                "ウェブページ (既定値 em.gif)。置き場所のディレクトリは存在していなければならない。"),
        "lang": "このヘルプとメッセージの言語: ja または en (既定値 en)。",
    },
}


def build_parser(language: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``gmm_teach`` and its ``animate`` command, with help in `language` (default: current)."""
    text = HELP[language or get_language()]
    parser = _Parser(prog=PROG, description=text["description"])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_Parser)
    animate = commands.add_parser(
        "animate", help=text["animate"], description=textwrap.fill(text["animate_description"], 79),
        epilog=text["epilog"], formatter_class=argparse.RawDescriptionHelpFormatter)
    add = animate.add_argument
    add("--k", default="3", metavar="K", help=text["k"])
    add("--seed", default="11", metavar="SEED", help=text["seed"])
    add("--init", default="textbook", choices=INIT_METHODS, help=text["init"])
    add("--data-seed", default="42", metavar="SEED", help=text["data_seed"])
    add("--n", default="1000", metavar="N", help=text["n"])
    add("--frames", default=None, metavar="M", help=text["frames"])
    add("--fps", default=None, metavar="FPS", help=text["fps"])
    add("--dpi", default=None, metavar="DPI", help=text["dpi"])
    add("--max-iter", default="100", metavar="ITERS", help=text["max_iter"])
    add("--reg-covar", default="1e-6", metavar="EPS", help=text["reg_covar"])
    add("--truth", action="store_true", help=text["truth"])
    add("--grey", action="store_true", help=text["grey"])
    add("--out", default="em.gif", metavar="PATH", help=text["out"])
    add("--lang", default=None, choices=LANGUAGES, help=text["lang"])
    return parser


def _language_in(argv) -> str | None:
    """The value of --lang in argv, looked up before parsing so that --help can use it."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


# --- option values ------------------------------------------------------------------

def _int(raw: str, option: str, low: int, high: int | None = None) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        if high is None:
            raise _UsageError(say(MESSAGES, "int_low", option=option, low=low, value=raw))
        raise _UsageError(say(MESSAGES, "int_range", option=option, low=low, high=high, value=raw))
    return value


def _number(raw: str, option: str, low: float) -> float:
    """A finite float >= low; refuses a positive value that underflows to 0 rather than using 0."""
    try:
        exact = decimal.Decimal(raw.strip())
    except decimal.InvalidOperation:
        exact = decimal.Decimal("NaN")
    if exact.is_nan() or exact < low:
        raise _UsageError(say(MESSAGES, "number_low", option=option, low=f"{low:g}", value=raw))
    value = float(exact)
    if not math.isfinite(value):  # inf, or 1e400 that overflows
        raise _UsageError(say(MESSAGES, "number_finite", option=option, low=f"{low:g}", value=raw))
    if value == 0 and exact != 0:  # 1e-400
        raise _UsageError(say(MESSAGES, "underflow", option=option, value=raw))
    return value


# Options that take a value. argparse reads "-1e-3" or "-inf" after one of them as an option
# ("expected one argument"); such a negative number is joined to its option ("--reg-covar=-1e-3")
# so that the option's own check says what is wrong with it.
_VALUE_OPTIONS = ("--k", "--seed", "--init", "--data-seed", "--n", "--frames", "--fps", "--dpi", "--max-iter",
                  "--reg-covar", "--out", "--lang")


def _join_negative_numbers(argv: list[str]) -> list[str]:
    joined, i = [], 0
    while i < len(argv):
        arg = argv[i]
        takes_value = arg.startswith("--") and len([o for o in _VALUE_OPTIONS if o.startswith(arg)]) == 1
        if takes_value and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            try:
                float(argv[i + 1])
            except ValueError:
                pass
            else:
                joined.append(f"{arg}={argv[i + 1]}")
                i += 2
                continue
        joined.append(arg)
        i += 1
    return joined


def _n(raw: str) -> int:
    try:
        return _int(raw, "--n", MIN_N, MAX_N)
    except _UsageError:
        raise _UsageError(say(MESSAGES, "n_range", low=MIN_N, high=MAX_N, value=raw)) from None


def _options(args) -> dict:
    """The checked values of the animate command, or a _UsageError naming the first bad one."""
    out = Path(args.out)
    if out.name.lower() in OUT_SUFFIXES:  # ".gif": Path takes it for a hidden file without a suffix
        raise _UsageError(say(MESSAGES, "out_no_name", value=args.out, example=str(out.with_name("em" + out.name))))
    if out.suffix.lower() not in OUT_SUFFIXES:
        raise _UsageError(say(MESSAGES, "out_suffix", value=args.out))
    if not out.parent.is_dir():
        raise _UsageError(say(MESSAGES, "out_dir", directory=str(out.parent)))
    gif = out.suffix.lower() == ".gif"
    return {
        "K": _int(args.k, "--k", 1, MAX_K),
        "seed": _int(args.seed, "--seed", 0, MAX_SEED),
        "init": args.init,
        "data_seed": _int(args.data_seed, "--data-seed", 0, MAX_SEED),
        "n": _n(args.n),
        "frames": None if args.frames is None else _int(args.frames, "--frames", 2),
        "fps": (5 if gif else 2) if args.fps is None else _int(args.fps, "--fps", 1, 50),
        "dpi": (80 if gif else 60) if args.dpi is None else _int(args.dpi, "--dpi", MIN_DPI, MAX_DPI),
        "max_iter": _int(args.max_iter, "--max-iter", 1, 10_000),
        "reg_covar": _number(args.reg_covar, "--reg-covar", 0.0),
        "truth": TEXTBOOK_TRUTH if args.truth else None,
        "colors_by_responsibility": not args.grey,
        "out": out,
        "gif": gif,
    }


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.2f} MB" if n_bytes >= 2**20 else f"{max(1, round(n_bytes / 1024))} KB"


class _Failure(Exception):
    """EM or writing failed: one line to stderr, exit status 1."""


def animate(opts: dict) -> str:
    """Fit and write the animation; returns the line to print. _UsageError / _Failure on trouble."""
    from . import animation  # matplotlib is imported only when there is something to draw

    start = time.perf_counter()
    m = int(textbook_counts(opts["n"]).sum())  # int(weight * n) points per component, each >= 1
    X = textbook_data(opts["n"], opts["data_seed"])  # (m, 2)
    if opts["K"] > m:
        raise _UsageError(say(MESSAGES, "k_gt_n", k=opts["K"], n=opts["n"], m=m))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # reported in the summary line instead
        try:
            result = fit(X, opts["K"], init=opts["init"], seed=opts["seed"], max_iter=opts["max_iter"],
                         reg_covar=opts["reg_covar"])
        except (ValueError, TypeError) as err:  # ComponentCollapseError is a ValueError
            hint = say(MESSAGES, "collapse_hint") if isinstance(err, ComponentCollapseError) else ""
            raise _Failure(say(MESSAGES, "fit_failed", reason=str(err)) + hint) from None
    available = len(result.history)
    frames, clamped = opts["frames"], ""
    if frames is not None and frames > available:
        clamped = say(MESSAGES, "clamped", asked=frames, available=available)
        frames = None
    n_frames = available if frames is None else frames
    px = math.ceil(FRAME_INCHES * opts["dpi"])  # a frame is px x px pixels
    if n_frames * px * px > MAX_TOTAL_PIXELS:
        raise _UsageError(say(MESSAGES, "too_large", dpi=opts["dpi"], frames=n_frames, px=px,
                              total=n_frames * px * px, limit=MAX_TOTAL_PIXELS))
    common = dict(frames=frames, dpi=opts["dpi"], truth=opts["truth"],
                  colors_by_responsibility=opts["colors_by_responsibility"])
    out = opts["out"]
    try:
        if opts["gif"]:
            animation.save_gif(X, result, out, fps=opts["fps"], **common)
        else:
            animation.save_html(X, result, out, interval=1000.0 / opts["fps"], **common)
        size = out.stat().st_size
    except OSError as err:  # the file is written beside out and renamed: out is as it was
        raise _Failure(say(MESSAGES, "write_failed", path=str(out), reason=err.strerror or str(err))) from None
    except MemoryError:
        raise _Failure(say(MESSAGES, "out_of_memory", while_=say(MESSAGES, "while_writing", path=str(out),
                                                                  frames=n_frames, px=px))) from None
    status = (say(MESSAGES, "converged", n_iter=result.n_iter) if result.converged
              else say(MESSAGES, "not_converged", n_iter=result.n_iter))
    return say(MESSAGES, "written", path=str(out), frames=n_frames, first=0, last=available - 1,
               status=status, clamped=clamped, size=_size(size), seconds=time.perf_counter() - start)


def _one_line(message: str) -> None:
    print(" ".join(message.split()), file=sys.stderr)


def main(argv=None) -> int:
    """Run the command line with argv (default sys.argv[1:]); returns the exit status."""
    previous_language = get_language()
    argv = _join_negative_numbers(sys.argv[1:] if argv is None else list(argv))
    out = "--out"
    try:
        if _language_in(argv):
            set_language(_language_in(argv))
        try:
            args, unknown = build_parser().parse_known_args(argv)
        except _Exit as stop:  # --help
            return stop.status
        if args.lang:
            set_language(args.lang)
        prefix = f"{PROG} {args.command}: error: "
        out = getattr(args, "out", out)
        try:
            if unknown:  # reported by the command, whose options they were probably meant to be
                raise _UsageError(f"unrecognized arguments: {' '.join(unknown)}")
            print(animate(_options(args)))
        except _UsageError as err:
            _one_line(prefix + str(err))
            return 2
        except _Failure as err:
            _one_line(prefix + str(err))
            return 1
        except MemoryError:  # while generating the data or fitting
            _one_line(prefix + say(MESSAGES, "out_of_memory", while_=""))
            return 1
        return 0
    except _UsageError as err:  # from argparse itself: already prefixed with the program name
        _one_line(str(err))
        return 2
    except KeyboardInterrupt:  # Ctrl-C while a long GIF renders: one line, no traceback, no partial file
        _one_line(f"{PROG}: " + say(MESSAGES, "interrupted", path=out))
        return 130
    finally:
        set_language(previous_language)


if __name__ == "__main__":
    sys.exit(main())
