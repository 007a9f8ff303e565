"""What the widgets say: labels, readouts and problems, Japanese and English side by side.

Read through ``gmm_teach.i18n.say("widgets.key", language, **values)``; a widget passes the
language it was made with. Readouts may hold HTML (the widgets show them as HTML); problems and
notes are plain text.
"""

MESSAGES = {
    "component": {"ja": "成分 {k}", "en": "Component {k}"},
    "mean_x": {"ja": "平均 x", "en": "mean x"},
    "mean_y": {"ja": "平均 y", "en": "mean y"},
    "std_x": {"ja": "標準偏差 x", "en": "std x"},
    "std_y": {"ja": "標準偏差 y", "en": "std y"},
    "corr": {"ja": "相関係数 ρ", "en": "correlation ρ"},
    "weight": {"ja": "混合係数 φ", "en": "weight φ"},
    "n": {"ja": "データ数 n", "en": "samples n"},
    "seed": {"ja": "乱数シード", "en": "random seed"},
    "var_x": {"ja": "分散 σ₁²", "en": "variance σ₁²"},
    "var_y": {"ja": "分散 σ₂²", "en": "variance σ₂²"},
    "point_x": {"ja": "点 x₁", "en": "point x₁"},
    "point_y": {"ja": "点 x₂", "en": "point x₂"},
    "index": {"ja": "点の番号", "en": "point number"},
    "hard": {"ja": "硬い割り当て（負担率が最大の成分の色）", "en": "hard assignment (colour of the most responsible component)"},
    "step": {"ja": "半ステップ", "en": "half-step"},
    "prev": {"ja": "◀ 戻る", "en": "◀ back"},
    "next": {"ja": "進む ▶", "en": "forward ▶"},
    "source": {"ja": "データ", "en": "data"},
    "source_textbook": {"ja": "教科書のデータ", "en": "textbook data"},
    "source_sample": {"ja": "真の分布からサンプル", "en": "sample from a truth"},
    "K": {"ja": "成分数 K", "en": "components K"},
    "init": {"ja": "初期化", "en": "initialisation"},
    "init_seed": {"ja": "初期化シード", "en": "init seed"},
    "reg_covar": {"ja": "正則化 reg_covar", "en": "reg_covar"},
    "max_iter": {"ja": "最大反復回数", "en": "max iterations"},
    "run": {"ja": "EM を実行する", "en": "Run EM"},
    "truth_readout": {
        "ja": "混合係数（正規化後） φ = ({phi})。各成分から生成された点の数 = ({counts})、"
              "合計 n = {n}。破線は真の分布の楕円（内側に 39.3 % と 86.5 % の確率）である。",
        "en": "Weights (normalised) φ = ({phi}). Points drawn from each component = ({counts}), n = {n} "
              "in all. The dashed ellipses are the truth (39.3 % and 86.5 % of the probability inside).",
    },
    "gauss_readout": {
        "ja": "共分散行列 Σ = [[{s11}, {s12}], [{s12}, {s22}]]、固有値 λ₁ = {l1}、"
              "λ₂ = {l2}（矢印の長さは √λ）。<br>点 x = ({x1}, {x2}) のマハラノビス距離 d<sub>M</sub> = {dm}（ユークリッド距離 {de}）、"
              "密度 p(x) = {density}。<br>x を通る楕円の内側の確率 1 − exp(−d<sub>M</sub>²/2) = {mass}。",
        "en": "Covariance Σ = [[{s11}, {s12}], [{s12}, {s22}]], eigenvalues λ₁ = {l1}, λ₂ = {l2} (arrows "
              "of length √λ).<br>Point x = ({x1}, {x2}): Mahalanobis distance d<sub>M</sub> = {dm} (Euclidean "
              "{de}), density p(x) = {density}.<br>Probability inside the ellipse through x: 1 − exp(−d<sub>M</sub>²/2) "
              "= {mass}.",
    },
    "estep_readout": {
        "ja": "点 {i}: x = ({x1}, {x2})、負担率 γ = ({gamma})、負担率が最大の成分は {best} である。"
              "このパラメータでの対数尤度 = {ll}。",
        "en": "Point {i}: x = ({x1}, {x2}), responsibilities γ = ({gamma}); the most responsible component "
              "is {best}. Log-likelihood under these parameters = {ll}.",
    },
    "stepper_init": {
        "ja": "<b>反復 0 / {T}（初期値）</b>: 初期パラメータ θ<sup>(0)</sup> を置いた。"
              "負担率はまだ計算していない（点は灰色）。対数尤度 ℓ(θ<sup>(0)</sup>) = {ll}",
        "en": "<b>Iteration 0 / {T} (initialisation)</b>: initial parameters θ<sup>(0)</sup>. No responsibilities "
              "yet (grey points). Log-likelihood ℓ(θ<sup>(0)</sup>) = {ll}",
    },
    "stepper_e": {
        "ja": "<b>反復 {t} / {T}・E ステップ</b>: 現在のパラメータ θ<sup>({prev})</sup> のもとで負担率 γ を計算し直した（点の色が変わり、"
              "楕円は動かない）。θ は変わらないので対数尤度も ℓ(θ<sup>({prev})</sup>) = {ll} のままである。",
        "en": "<b>Iteration {t} / {T}, E-step</b>: responsibilities γ recomputed under the current parameters "
              "θ<sup>({prev})</sup> (the colours change, the ellipses stay). θ is unchanged, so the log-likelihood "
              "stays ℓ(θ<sup>({prev})</sup>) = {ll}",
    },
    "stepper_m": {
        "ja": "<b>反復 {t} / {T}・M ステップ</b>: 負担率から混合係数 φ、平均 μ、"
              "共分散 Σ を更新した（楕円が動き、点の色は変わらない）。対数尤度 ℓ(θ<sup>({t})</sup>) = {ll}",
        "en": "<b>Iteration {t} / {T}, M-step</b>: weights φ, means μ and covariances Σ updated from the "
              "responsibilities (the ellipses move, the colours stay). Log-likelihood ℓ(θ<sup>({t})</sup>) "
              "= {ll}",
    },
    "lab_done": {
        "ja": "K = {K}、初期化 {init}（シード {seed}）、reg_covar = {reg}: {n_iter} 回の反復で収束した。"
              "最終の対数尤度 = {ll}。",
        "en": "K = {K}, init {init} (seed {seed}), reg_covar = {reg}: converged after {n_iter} iterations. "
              "Final log-likelihood = {ll}.",
    },
    "lab_not_done": {
        "ja": "K = {K}、初期化 {init}（シード {seed}）、reg_covar = {reg}: {n_iter} 回で打ち切った。"
              "最終の対数尤度 = {ll}。",
        "en": "K = {K}, init {init} (seed {seed}), reg_covar = {reg}: stopped after {n_iter} iterations. "
              "Final log-likelihood = {ll}.",
    },
    "corr_one": {
        "ja": "成分 {k} の相関係数が {rho} である。ρ = ±1 では分布が直線上につぶれ、"
              "密度が定義できない。−1 と 1 の間の値を選ぶこと。",
        "en": "Component {k} has correlation {rho}. At ρ = ±1 the Gaussian is squashed onto a line and "
              "has no density: choose a value between −1 and 1.",
    },
    "corr_one_single": {
        "ja": "相関係数が {rho} である。ρ = ±1 では分布が直線上につぶれ、密度が定義できない。"
              "−1 と 1 の間の値を選ぶこと。",
        "en": "The correlation is {rho}. At ρ = ±1 the Gaussian is squashed onto a line and has no density: "
              "choose a value between −1 and 1.",
    },
    "weights_zero": {
        "ja": "混合係数がすべて 0 である。少なくとも一つの成分に正の重みを与えること。",
        "en": "All weights are 0. Give at least one component a positive weight.",
    },
    "k_gt_n": {
        "ja": "成分数 K = {K} がデータ点の数 n = {n} より多い。K を n 以下にするか、"
              "データを増やすこと。",
        "en": "K = {K} components but only n = {n} data points. Choose K at most n or use more data.",
    },
    "collapse": {
        "ja": "反復 {iteration} で成分 {k} がつぶれた（少数の点に集中して共分散が特異になった）。"
              "reg_covar を大きくするか、初期化やシードを変えて試すこと。",
        "en": "Component {k} collapsed at iteration {iteration} (it gathered too few points and its covariance "
              "became singular). Increase reg_covar or try another initialisation or seed.",
    },
    "collapse_init": {
        "ja": "初期化の最中（反復 0、最初の M ステップ）に成分 {k} がつぶれた（少数の点に集中して共分散が特異になった）。"
              "reg_covar を大きくするか、初期化やシードを変えて試すこと。",
        "en": "Component {k} collapsed during the initialisation (iteration 0, its first M-step): it gathered "
              "too few points and its covariance became singular. Increase reg_covar or try another initialisation "
              "or seed.",
    },
    "not_converged": {
        "ja": "注: 最大反復回数 {max_iter} 回では収束しなかった（対数尤度の変化がまだ許容値より大きい）。"
              "下に示すのは打ち切った時点までの結果である。最大反復回数を増やすとよい。",
        "en": "Note: EM did not converge within {max_iter} iterations (the log-likelihood still changes "
              "by more than the tolerance). Below is the run up to that point; allow more iterations.",
    },
    "truth_invalid": {
        "ja": "真の分布の設定が不正なので、データを作れない: {reason}",
        "en": "The truth is not a valid mixture, so no data can be drawn: {reason}",
    },
    "unexpected": {"ja": "この設定では計算できない: {error}", "en": "This setting cannot be computed: {error}"},
    "log_sigma": {"ja": "log₁₀ σ", "en": "log₁₀ σ"},
    "spike_weight": {"ja": "追加成分の φ", "en": "weight φ of the spike"},
    "spike_readout": {
        "ja": "点 {i}（x = ({x1}, {x2})）に成分 {k} を置き、その共分散を σ² I、"
              "σ = {sigma}、混合係数を {w} とした（他の成分の混合係数は 1 − {w} 倍）。"
              "この点での ln N(x | x, σ² I) = −ln(2πσ²) = {spike}。"
              "<br>対数尤度 = {ll}（成分 {k} を加える前の {K} 成分では {base}、"
              "差 {diff}）。",
        "en": "Component {k} sits on point {i} (x = ({x1}, {x2})) with covariance σ² I, σ = {sigma}, and "
              "weight {w} (the other weights are scaled by 1 − {w}). At that point ln N(x | x, σ² I) = "
              "−ln(2πσ²) = {spike}.<br>Log-likelihood = {ll} ({base} with the {K} components alone, difference "
              "{diff}).",
    },
    "kmeans_readout": {
        "ja": "σ = {sigma}: 各点の負担率の最大値 max<sub>k</sub> γ<sub>nk</sub> の平均 = {mean_max}、"
              "max<sub>k</sub> γ<sub>nk</sub> &gt; 0.99 の点の割合 = {share}。"
              "負担率が最大の成分は、σ によらず最も近い平均の成分である（一致する点の割合 {agree}）。",
        "en": "σ = {sigma}: mean of each point's largest responsibility max<sub>k</sub> γ<sub>nk</sub> "
              "= {mean_max}; share of points with max<sub>k</sub> γ<sub>nk</sub> &gt; 0.99 = {share}. Whatever "
              "σ, the most responsible component is the one with the nearest mean (share of points where "
              "they agree: {agree}).",
    },
    "kexp_readout": {
        "ja": "<b>K = {K}</b>: パラメータ数 p = {p}。学習用データ（n = {n}）での BIC = {bic}、"
              "AIC = {aic}、1 点あたりの対数尤度 = {train}。テスト用データ（n = {n_test}）での 1 点あたりの対数尤度 = {test}。",
        "en": "<b>K = {K}</b>: p = {p} parameters. On the training data (n = {n}): BIC = {bic}, AIC = {aic}, "
              "log-likelihood per point = {train}. On the test data (n = {n_test}): log-likelihood per "
              "point = {test}.",
    },
    "kexp_best": {
        "ja": "BIC が最小になるのは K = {bic_K}、AIC が最小になるのは K = {aic_K}、"
              "テスト用データの対数尤度が最大になるのは K = {test_K} である。",
        "en": "BIC is smallest at K = {bic_K}, AIC at K = {aic_K}; the test log-likelihood is largest at "
              "K = {test_K}.",
    },
    "kexp_not_converged": {
        "ja": "注: K = {K} の推定は {n_iter} 回の反復で打ち切られ、収束していない。"
              "図と曲線の値は打ち切った時点のものである。",
        "en": "Note: the fit for K = {K} stopped after {n_iter} iterations without converging; the picture "
              "and the curves show it as it was then.",
    },
    # bernoulli_stepper (chapter 12)
    "bern_iteration": {"ja": "反復 t", "en": "iteration t"},
    "bern_readout_init": {
        "ja": "<b>反復 0 / {T}（初期値）</b>: 初期パラメータ θ<sup>(0)</sup> のプロトタイプ p<sub>k</sub>"
              "（各画素が 1 である確率。黒いほど 1 に近い）。混合係数 φ = ({phi})。対数尤度 ℓ(θ<sup>(0)</sup>) = {ll}",
        "en": "<b>Iteration 0 / {T} (initialisation)</b>: the prototypes p<sub>k</sub> of the initial parameters "
              "θ<sup>(0)</sup> (the probability that each pixel is 1; the darker, the closer to 1). Weights "
              "φ = ({phi}). Log-likelihood ℓ(θ<sup>(0)</sup>) = {ll}",
    },
    "bern_readout": {
        "ja": "<b>反復 {t} / {T}</b>: E ステップで負担率 γ を計算し、M ステップで混合係数 φ = ({phi}) と"
              "プロトタイプ p<sub>k</sub> を更新した。対数尤度 ℓ(θ<sup>({t})</sup>) = {ll}",
        "en": "<b>Iteration {t} / {T}</b>: responsibilities γ from the E-step, then the M-step updated the weights "
              "φ = ({phi}) and the prototypes p<sub>k</sub>. Log-likelihood ℓ(θ<sup>({t})</sup>) = {ll}",
    },
    "vexp_log_alpha": {"ja": "log₁₀ α₀", "en": "log₁₀ α₀"},  # short: the label column is 110 px; the readout names α₀
    "vexp_K_max": {"ja": "成分数の上限 K", "en": "components K (at most)"},
    "vexp_readout": {
        "ja": "集中度パラメータ α₀ = {alpha}: 混合係数の期待値 E[φ<sub>k</sub>] が 1 % を超える成分は <b>{K} 個中 {kept} 個</b>である。"
              "変分下界 = {elbo}（{n_iter} 回の反復の後）。",
        "en": "Concentration α₀ = {alpha}: <b>{kept} of {K} components</b> have an expected weight E[φ<sub>k</sub>] &gt; 1 %. "
              "Lower bound (ELBO) = {elbo} after {n_iter} iterations.",
    },
    "vexp_not_converged": {
        "ja": "注: この推定は {n_iter} 回の反復で打ち切られ、収束していない。図は打ち切った時点のものである。",
        "en": "Note: this fit stopped after {n_iter} iterations without converging; the picture shows it as it was then.",
    },
}
