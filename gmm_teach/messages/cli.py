"""What the command line says (``python -m gmm_teach``): its one-line results and errors, and its --help.

Looked up by ``say("cli.key", language=..., **values)``; the ``help_*`` texts get the limits of
gmm_teach/__main__.py as values ({max_k}, {min_n}, ...), so that a limit is written in one place.
The errors follow "gmm_teach animate: error: " and are one line each.
"""

MESSAGES = {
    # --- the summary line of a run ------------------------------------------------------------
    "written": {
        "ja": "{path} を書き出した。{frames} フレーム（EM の反復 {first}〜{last}、{status}）、{size}、{seconds:.1f} 秒。",
        "en": "Wrote {path}: {frames} frames (EM iterations {first} to {last}; {status}), {size}, in {seconds:.1f} s.",
    },
    "written_clamped": {
        "ja": ("{path} を書き出した。{frames} フレーム（EM の反復 {first}〜{last}、{status}）、{size}、{seconds:.1f} 秒。"
               "--frames {asked} は記録された {available} 個より多いため、すべてを表示した。"),
        "en": ("Wrote {path}: {frames} frames (EM iterations {first} to {last}; {status}; --frames {asked} is more than "
               "the {available} snapshots, so every one is shown), {size}, in {seconds:.1f} s."),
    },
    "converged": {  # {status} of the summary line
        "ja": "{n_iter} 回の反復で収束",
        "en": "converged after {n_iter} iterations",
    },
    "not_converged": {  # {status} of the summary line
        "ja": "--max-iter {n_iter} 回で打ち切り（未収束）",
        "en": "stopped at --max-iter {n_iter} before converging",
    },
    # --- option values ----------------------------------------------------------------------------
    "int_range": {
        "ja": "{option} は {low} から {high} までの整数でなければならない（受け取った値: {value}）。",
        "en": "{option} must be an integer between {low} and {high}; received {value}",
    },
    "int_low": {
        "ja": "{option} は {low} 以上の整数でなければならない（受け取った値: {value}）。",
        "en": "{option} must be an integer >= {low}; received {value}",
    },
    "n_range": {
        "ja": ("--n は {low} から {high} までの整数でなければならない。各成分から int(重み * n) 個を生成するので、"
               "これより小さいと点のない成分ができる（受け取った値: {value}）。"),
        "en": ("--n must be an integer between {low} and {high} (the chapter draws int(weight * n) points per true "
               "component, so a smaller --n leaves one without any); received {value}"),
    },
    "number_low": {
        "ja": "{option} は {low} 以上の数でなければならない（受け取った値: {value}）。",
        "en": "{option} must be a number >= {low}; received {value}",
    },
    "number_finite": {
        "ja": "{option} は {low} 以上の有限の数でなければならない（受け取った値: {value}）。",
        "en": "{option} must be a finite number >= {low}; received {value}",
    },
    "underflow": {
        "ja": ("{option} {value} は正の数だが、浮動小数点数で表せないほど小さく（最小は約 5e-324）、黙って 0 になってしまう。"
               "正則化なしなら 0、それ以外は 5e-324 以上を指定すること。"),
        "en": ("{option} {value} is positive but too small for a floating-point number (the smallest is about 5e-324), "
               "so it would silently become 0; use 0 for none or a number >= 5e-324"),
    },
    "out_suffix": {
        "ja": "--out の拡張子は .gif（アニメーション GIF）か .html（再生ボタン付きのウェブページ）でなければならない（受け取った値: {value}）。",
        "en": "--out must end in .gif (an animated GIF) or .html (a web page with a player); received {value}",
    },
    "out_no_name": {
        "ja": "--out {value} には拡張子の前のファイル名がない。{example} のように指定すること。",
        "en": "--out {value} has no file name before the extension; give one such as {example}",
    },
    "out_dir": {
        "ja": "--out: ディレクトリ {directory} が存在しない。先に作るか、別の場所を指定すること。",
        "en": "--out: the directory {directory} does not exist; create it first or choose another path",
    },
    "too_large": {
        "ja": ("--dpi {dpi} で {frames} フレームでは {px} x {px} ピクセルのフレームが {frames} 枚（計 {total:.3g} ピクセル）となり、"
               "上限 {limit:.3g} を超える。--dpi、--frames または --max-iter を小さくすること。"),
        "en": ("--dpi {dpi} with {frames} frames would draw {frames} frames of {px} x {px} pixels ({total:.3g} pixels), "
               "more than the {limit:.3g} allowed; use a smaller --dpi, --frames or --max-iter"),
    },
    "k_gt_n": {
        "ja": "--k {k} には少なくとも {k} 個のデータ点が必要だが、--n {n} では {m} 個しかない。--k を小さくするか --n を大きくすること。",
        "en": "--k {k} needs at least {k} data points, but --n {n} gives {m}; use a smaller --k or a larger --n",
    },
    # --- failures -----------------------------------------------------------------------------------
    "fit_failed": {  # {reason}: the English error of gmm_teach.fit
        "ja": "EM が失敗した: {reason}",
        "en": "EM failed: {reason}",
    },
    "fit_collapsed": {  # a component collapsed: {reason} and what to change on the command line
        "ja": "EM が失敗した: {reason} コマンドラインでは --reg-covar 1e-6 を指定するか、--seed や --init を変えること。",
        "en": "EM failed: {reason} On the command line: --reg-covar 1e-6, or another --seed or --init.",
    },
    "out_of_memory": {
        "ja": "メモリが足りなくなった。--dpi、--frames、--max-iter または --n を小さくすること。",
        "en": "ran out of memory; use a smaller --dpi, --frames, --max-iter or --n",
    },
    "out_of_memory_writing": {
        "ja": ("メモリが足りなくなった（{path} の書き出し中、{px} x {px} ピクセルのフレーム {frames} 枚）。"
               "--dpi、--frames、--max-iter または --n を小さくすること。"),
        "en": ("ran out of memory while writing {path} ({frames} frames of {px} x {px} pixels); "
               "use a smaller --dpi, --frames, --max-iter or --n"),
    },
    "interrupted": {
        "ja": "中断した (Ctrl-C)。{path} は書き出しも変更もしていない。",
        "en": "interrupted (Ctrl-C); {path} was not written or changed",
    },
    "write_failed": {
        "ja": "{path} を書き出せなかった: {reason}。ファイルは書き出しも変更もしていない。",
        "en": "could not write {path}: {reason}; it was not written or changed",
    },
    # --- --help ---------------------------------------------------------------------------------
    "help_description": {
        "ja": "混合ガウスモデルと EM アルゴリズムを教えるためのコマンドラインツール。",
        "en": "Gaussian mixture models and EM, for teaching: command-line tools.",
    },
    "help_animate": {
        "ja": "教科書のデータに EM で混合ガウスモデルを当てはめ、その過程を GIF またはウェブページに保存する。",
        "en": "Fit a Gaussian mixture by EM to the chapter's data and save the run as a GIF or web page.",
    },
    "help_animate_description": {
        "ja": ("教科書のデータ（混合係数 0.3 / 0.4 / 0.3 の 2 次元ガウス分布 3 つ）に K 成分の混合ガウスモデルを "
               "EM で当てはめ、反復ごとに 1 フレームを保存する。各フレームには、負担率で色づけしたデータ、"
               "各成分の 1σ と 2σ の楕円、平均が描かれる。既定値のままなら教科書の章末のアニメーションを再現する。"),
        "en": ("Fit a K-component Gaussian mixture by EM to the chapter's data (three 2-D Gaussians, "
               "weights 0.3 / 0.4 / 0.3) and save one frame per EM iteration: the data coloured by "
               "responsibility, each component's 1- and 2-sigma ellipses and its mean. "
               "With the defaults it reproduces the animation at the end of the chapter."),
    },
    "help_epilog": {
        "ja": ("例:\n  python -m gmm_teach animate --k 3 --seed 11 --out em.gif\n"
               "  python -m gmm_teach animate --k 4 --init kmeans++ --frames 20 --out em4.html\n"
               "終了ステータス: 0 書き出し成功、1 EM の失敗または書き出しの失敗、2 オプションの誤り。"),
        "en": ("Examples:\n  python -m gmm_teach animate --k 3 --seed 11 --out em.gif\n"
               "  python -m gmm_teach animate --k 4 --init kmeans++ --frames 20 --out em4.html\n"
               "Exit status: 0 written; 1 EM failed or the file could not be written; 2 bad option."),
    },
    "help_k": {
        "ja": "当てはめる成分の数 K。1 から {max_k} までの整数（既定値 3、教科書と同じ）。",
        "en": "Number of mixture components K to fit, an integer from 1 to {max_k} (default 3, as the chapter).",
    },
    "help_seed": {
        "ja": "初期化の乱数のシード。0 以上の整数（既定値 11、教科書の np.random.seed(11)）。",
        "en": "Seed of the random initialisation, 0 or more (default 11, the chapter's np.random.seed(11)).",
    },
    "help_init": {
        "ja": ("EM の初期化の方法。'textbook' はデータ点から K 個を選んで平均とし、共分散行列はすべてデータ全体の"
               "共分散行列とする（教科書の方法）。'random' は乱数の負担率から始め、'kmeans++' は k-means++ の"
               "方法で平均を散らばらせる（既定値 textbook）。"),
        "en": ("How EM starts: 'textbook' picks K data points as means with the data covariance everywhere "
               "(the chapter's), 'random' starts from random responsibilities, 'kmeans++' spreads the means "
               "out by k-means++ seeding (default textbook)."),
    },
    "help_data_seed": {
        "ja": "データを生成する乱数のシード。0 以上の整数（既定値 42、教科書の np.random.seed(42)）。",
        "en": "Seed of the data, 0 or more (default 42, the chapter's np.random.seed(42)).",
    },
    "help_n": {
        "ja": ("生成するデータ点の数。{min_n} から {max_n} まで。教科書と同じく各成分から int(混合係数 * N) 点を引く"
               "（既定値 1000）。"),
        "en": ("Number of data points to generate, from {min_n} to {max_n}; the chapter draws int(weight * N) "
               "points from each true component (default 1000)."),
    },
    "help_frames": {
        "ja": ("フレーム数。2 以上で、初期値から最後の反復までを等間隔に選ぶ（既定値: 反復ごとに 1 フレーム。"
               "反復回数より多く指定するとすべてを使う）。"),
        "en": ("Number of frames, 2 or more, spread evenly from the initialisation to the last iteration "
               "(default: one frame per iteration; more than EM produced means all of them)."),
    },
    "help_fps": {
        "ja": "1 秒あたりのフレーム数。1 から 50 までの整数（既定値 GIF は 5、ウェブページは 2: 教科書の 500 ms）。",
        "en": ("Frames per second, an integer from 1 to 50 (default 5 for a GIF, 2 for a web page: "
               "the chapter's 500 ms per frame)."),
    },
    "help_dpi": {
        "ja": ("5 x 5 インチのフレームの解像度 (dpi)。{min_dpi} から {max_dpi} まで（既定値 GIF は 80、ウェブページは 60。"
               "60 回の反復でもページが 2 MB 未満に収まる）。フレーム数 x ピクセル数の上限は {max_pixels}"
               "（dpi {max_dpi} なら {max_frames} フレーム）。"),
        "en": ("Resolution of a 5 x 5 inch frame in dots per inch, from {min_dpi} to {max_dpi} (default 80 for a "
               "GIF, 60 for a web page, which keeps a 60-iteration page under 2 MB); frames x pixels are "
               "limited to {max_pixels} (at dpi {max_dpi}, {max_frames} frames)."),
    },
    "help_max_iter": {
        "ja": ("EM の反復回数の上限。1 から 10000 まで。対数尤度の変化が 1e-5 未満になればその前に止まる"
               "（既定値 100、教科書と同じ）。"),
        "en": ("Maximum number of EM iterations, from 1 to 10000; EM stops earlier when the log-likelihood "
               "changes by less than 1e-5 (default 100, as the chapter)."),
    },
    "help_reg_covar": {
        "ja": ("各共分散行列の対角に加える 0 以上の数。成分が 1 点につぶれるのを防ぐ（既定値 1e-6。"
               "このときも教科書と同じ 58 回で収束する。0 にすると教科書のコードそのものになる）。"),
        "en": ("Number >= 0 added to every covariance diagonal so that no component can collapse onto a "
               "point (default 1e-6, which gives the chapter's 58 iterations; 0 is the chapter's code exactly)."),
    },
    "help_truth": {
        "ja": "データを生成した真の成分も破線の楕円で描く。",
        "en": "Also draw the true components that generated the data as dashed ellipses.",
    },
    "help_grey": {
        "ja": "教科書と同じく、点を負担率で色づけせずすべて灰色で描く。",
        "en": "Draw every point in plain grey, as the chapter does, instead of coloured by responsibility.",
    },
    "help_out": {
        "ja": ("書き出すファイル。.gif で終わる名前ならアニメーション GIF（スライド用）、.html なら再生ボタン付きの"
               "ウェブページ（既定値 em.gif）。置き場所のディレクトリは存在していなければならない。"),
        "en": ("File to write: a name ending in .gif writes an animated GIF (for slides), .html a web page "
               "with a player (default em.gif); its directory must exist."),
    },
    "help_lang": {
        "ja": "このヘルプとメッセージの言語: ja または en（既定値 en）。",
        "en": "Language of this help and of the messages: ja or en (default: en).",
    },
}
