# %% [markdown] slide="slide"
# # 混合ガウスモデルと EM アルゴリズム ── はじめに
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/00_introduction.ipynb) (インストール不要。Google アカウントで実行できる)
#
# このシリーズは、**混合ガウスモデル** (Gaussian Mixture Model, GMM) のパラメータを
# **EM アルゴリズム** で推定する方法を、式の導出から実装、可視化まで一歩ずつ学ぶ教材である。
# 元になったのは、3 成分の 2 次元 GMM を numpy だけで推定し、反復の様子をアニメーションで示す
# 教科書の一章である。本シリーズはそのコードを 6 つの章 (01〜06) に分け、各ステップを自分の手で書き、
# パッケージ `gmm_teach` の正しい実装と照らし合わせながら進む。続く 6 つの章 (07〜12) では教科書の先へ進み、
# EM がうまくいく理由とうまくいかない場合、成分の数 K の選び方、実データと scikit-learn を扱い、
# 最後に EM を 2 つの方向へ広げる。パラメータにも事前分布を置く変分ベイズと、ガウス分布以外の成分 (ベルヌーイ混合) である。
#
# **この章で学ぶこと**
# - シリーズ全体の流れと各章の位置づけ
# - ノートブックの動かし方 (JupyterLab、Binder、Colab) とウィジェットの使い方
# - 以後の章で用いる記号とコード上の名前 (用語集)
#
# **前提とする知識**: 線形代数 (行列の積、逆行列、固有値)、確率の基礎 (条件付き確率、ベイズの定理)、
# Python と numpy の基本的な使い方。

# %% [markdown] lang="en"
# # Gaussian mixture models and the EM algorithm: Introduction
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/00_introduction.ipynb) (nothing to install; runs with a Google account)
#
# This series teaches you, one step at a time, how to estimate the parameters of a **Gaussian mixture model** (GMM)
# with the **EM algorithm**: from deriving the formulas, through implementing them, to visualising what they do.
# It grew out of a textbook chapter that fits a three-component two-dimensional GMM using numpy alone and animates
# the iterations. The series splits that chapter's code into six chapters (01-06); in each one you write a step yourself
# and compare it with the correct implementation in the package `gmm_teach`. Six more chapters (07-12) go beyond the
# textbook: why EM works and where it fails, how to choose the number of components K, real data with scikit-learn,
# and finally two ways of taking EM further: variational Bayes, which puts a prior on the parameters too, and
# components that are not Gaussian (Bernoulli mixtures).
#
# **What you will learn**
# - the route through the series and where each chapter fits in
# - how to run the notebooks (JupyterLab, Binder, Colab) and how to use the widgets
# - the symbols and code names used in the later chapters (the glossary)
#
# **Prerequisites**: linear algebra (matrix products, inverses, eigenvalues), basic probability (conditional
# probability, Bayes' theorem), and basic use of Python and numpy.

# %% [markdown] slide="slide"
# ## 章の構成
#
# | 章 | 内容 |
# |---|---|
# | [00 はじめに](00_introduction.ipynb) | シリーズの案内、動かし方、用語集 (この章) |
# | [01 データ生成](01_data_generation.ipynb) | 生成モデルとしての GMM: 成分を選び、そのガウス分布から点を引く |
# | [02 ガウス分布の確率密度](02_gaussian_pdf.ipynb) | 多変量正規分布の式、マハラノビス距離、楕円、対数で計算する理由 |
# | [03 E ステップ](03_e_step.ipynb) | ベイズの定理による負担率、log-sum-exp |
# | [04 M ステップ](04_m_step.ipynb) | 重み付き最尤推定としての $N_k, \phi_k, \mu_k, \Sigma_k$ の導出 |
# | [05 EM アルゴリズム](05_em_algorithm.ipynb) | 反復、収束判定、対数尤度の推移、教科書の結果の再現、ラベルの入れ替わり |
# | [06 アニメーション](06_animation.ipynb) | 反復のアニメーション、ステッパーと EM ラボ、講義用 GIF の書き出し |
# | [07 EM はなぜうまくいくか](07_why_em_works.ipynb) | $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}$、イェンセンの不等式、対数尤度が減らない理由 |
# | [08 EM がうまくいかないとき](08_where_em_fails.ipynb) | 初期値と局所最適解、特異点と reg_covar、ラベルの入れ替わり、k-means との関係 |
# | [09 K の選び方](09_choosing_k.ipynb) | BIC、AIC、テストデータでの対数尤度、基準が食い違うとき |
# | [10 実データと scikit-learn](10_real_data_sklearn.ipynb) | iris データ、共分散行列の型、scikit-learn との対応表 |
# | [11 変分ベイズ混合ガウス](11_variational_gmm.ipynb) | ディリクレ事前分布とガウス–ウィシャート事前分布、平均場近似、`gt.fit_variational`、Old Faithful の K = 6 と 09 章の BIC、MAP 推定の近似としての reg_covar |
# | [12 ガウス分布を超えて: ベルヌーイ混合](12_bernoulli_mixtures.ipynb) | 二値データへの EM、ベルヌーイ分布の M ステップ、手書き数字のプロトタイプ、混同行列、新しい数字の生成、k-means との比較 |
#
# 01〜05 は順に読む。06、07、09 章は 05 章まで読めばどの順に読んでもよいが、08 は 07 を、10 は 09 を前提とする。
# 11 は 07〜09 を、12 は 03〜05 と 07 (EM を一般的な手順として見る見方) を前提とする (各章の「前提」を参照)。各章は「この章で学ぶこと」で始まり、文章 → 短いコード → 図 →
# 図の読み方 を繰り返し、最後に「まとめ」と「演習」で終わる。

# %% [markdown] lang="en"
# ## How the series is organised
#
# | Chapter | Contents |
# |---|---|
# | [00 Introduction](00_introduction.ipynb) | a guide to the series, how to run it, glossary (this chapter) |
# | [01 Data generation](01_data_generation.ipynb) | the GMM as a generative model: pick a component, then draw a point from its Gaussian |
# | [02 The Gaussian density](02_gaussian_pdf.ipynb) | the multivariate normal density, Mahalanobis distance, ellipses, why we compute in logarithms |
# | [03 The E-step](03_e_step.ipynb) | responsibilities from Bayes' theorem, log-sum-exp |
# | [04 The M-step](04_m_step.ipynb) | deriving $N_k, \phi_k, \mu_k, \Sigma_k$ as weighted maximum likelihood estimates |
# | [05 The EM algorithm](05_em_algorithm.ipynb) | iterating, the convergence test, the log-likelihood over the iterations, reproducing the textbook's result, label switching |
# | [06 Animation](06_animation.ipynb) | animating the iterations, the stepper and the EM lab, exporting a GIF for lectures |
# | [07 Why EM works](07_why_em_works.ipynb) | $\ln p(X \mid \theta) = \mathcal{L}(q, \theta) + \mathrm{KL}$, Jensen's inequality, why the log-likelihood never falls |
# | [08 Where EM fails](08_where_em_fails.ipynb) | initialisation and local optima, singularities and reg_covar, label switching, k-means as a limit |
# | [09 Choosing K](09_choosing_k.ipynb) | BIC, AIC, held-out log-likelihood, where the criteria disagree |
# | [10 Real data and scikit-learn](10_real_data_sklearn.ipynb) | the iris data, covariance types, a map from gmm_teach to scikit-learn |
# | [11 The variational Bayesian GMM](11_variational_gmm.ipynb) | Dirichlet and Gaussian–Wishart priors, the mean-field approximation, `gt.fit_variational`, Old Faithful with K = 6 versus chapter 09's BIC, reg_covar as approximate MAP estimation |
# | [12 Beyond Gaussians: Bernoulli mixtures](12_bernoulli_mixtures.ipynb) | EM on binary data, the Bernoulli M-step, prototypes of handwritten digits, a confusion matrix, sampling new digits, a comparison with k-means |
#
# Read chapters 01–05 in order. After 05, chapters 06, 07 and 09 can be read in any order; 08 builds on 07, and 10 on 09.
# Chapter 11 needs 07–09; chapter 12 needs 03–05 and chapter 07's view of EM as a general recipe (see each chapter's prerequisites). Each one opens with "What you will learn", then
# cycles through prose → short code → figure → how to read the figure, and closes with a "Summary" and "Exercises".

# %% [markdown] slide="slide"
# ## 動かし方
#
# - **手元の JupyterLab**: リポジトリの最上位で `make lab` を実行すると、仮想環境 `.venv` を作って
#   必要なパッケージを入れ、JupyterLab がこのノートブックを開く。`make` がない環境では
#   `python -m venv .venv`、`pip install -r requirements.txt -e .`、`jupyter lab` の 3 手順でよい。
# - **Binder**: README にある Binder のリンクを開くと、ブラウザだけで同じ環境が立ち上がる。
#   初回はイメージの構築に数分かかる。
# - **Google Colab**: 各章の冒頭にある「Colab で開く」のリンクから、その章を Colab で開ける (Google アカウントが要る)。
#   最初のコードセルが `gmm_teach` を GitHub からインストールする (数十秒)。Colab の ipywidgets は 7.7 であるが、
#   `gmm_teach` のウィジェットは 7.7 でも 8 でも動く。Colab では 1 章ずつ開くので、次の章もその章の
#   「Colab で開く」から開く。手元や Binder では `gmm_teach` が入っているので、このセルは何もしない。
# - どの章も、上から順にセルを実行すれば (メニューの Run → Run All Cells) 同じ結果が得られる。
#   乱数はすべてシードを固定している。
#
# 次の 2 つのセルは、どの章でも最初に実行するセルである。1 つ目は `gmm_teach` がない環境 (Colab) でだけそれをインストールし、
# 2 つ目は `gmm_teach` を読み込んで表示言語を日本語にする。

# %% [markdown] lang="en"
# ## Running the notebooks
#
# - **JupyterLab on your own machine**: run `make lab` at the top level of the repository. It creates the virtual
#   environment `.venv`, installs the packages needed and opens JupyterLab on the series (on the introduction of the
#   Japanese edition; the English chapters are in `notebooks/en/`). Without `make`, three steps do the same:
#   `python -m venv .venv`, `pip install -r requirements.txt -e .`, `jupyter lab`.
# - **Binder**: open the Binder link in the README and the same environment starts in your browser, with nothing to
#   install. The first start takes a few minutes while the image is built.
# - **Google Colab**: the "Open in Colab" link at the top of every chapter opens that chapter in Colab (you need a
#   Google account). Its first code cell installs `gmm_teach` from GitHub (a few tens of seconds). Colab ships
#   ipywidgets 7.7; the widgets of `gmm_teach` work with 7.7 as well as 8. Colab opens one chapter at a time: open the next
#   chapter through its own "Open in Colab" link. Locally and on Binder `gmm_teach` is already installed, and
#   that cell does nothing.
# - Every chapter gives the same results when you run its cells from top to bottom (Run → Run All Cells in the
#   menu): all random numbers come from fixed seeds.
#
# The next two cells are the ones you run first in every chapter. The first installs `gmm_teach` only where it is
# missing (Colab); the second imports it and sets the display language to English.

# %% slide="skip"
# Colab and other places without gmm-teach: install it. Where it is installed (make lab, Binder) this does nothing.
try:
    import gmm_teach
except ImportError:
    %pip install -q "gmm-teach @ git+https://github.com/OWNER/REPO"

# %% slide="skip"
import numpy as np
import matplotlib.pyplot as plt
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown] slide="subslide"
# 準備ができたかどうかは、教科書の章と同じデータに EM を当てはめてみればわかる。
# 下のセルは 1000 点のデータに 3 成分の GMM を推定し、推定した混合係数 $\phi$ を表示する。

# %% [markdown] lang="en"
# To check that everything is ready, fit EM to the same data as the textbook chapter.
# The cell below fits a three-component GMM to 1000 data points and prints the shape of the data, the number of
# iterations and the estimated mixing coefficients $\phi$.

# %%
X = gt.textbook_data()
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
print("X.shape =", X.shape)
print("n_iter  =", result.n_iter)
print("phi     =", np.round(result.params.phi, 4))

# %% [markdown] slide="subslide"
# 1000 点の 2 次元データに対し、58 回の反復で推定が収束した。真の混合係数は 0.3、0.4、0.3 であり、
# 推定値は順番こそ異なるがほぼ同じ値になっている。順番が入れ替わる理由 (ラベルの入れ替わり) は
# 05 章で扱う。推定結果を図にすると次のようになる。

# %% [markdown] lang="en"
# On the 1000 two-dimensional data points, the estimate converged after 58 iterations. The true mixing
# coefficients are 0.3, 0.4 and 0.3; the estimates come out in a different order but with almost the same values.
# Why the order changes (label switching) is taken up in chapter 05. Drawn as a figure, the fit looks like this.

# %%
fig, ax = plt.subplots(figsize=(5, 5))
gt.plot.draw_points(ax, X, result.responsibilities)
gt.plot.draw_ellipses(ax, result.params, radii=(1, 2))
ax.set(title="EM fit of the textbook data (K = 3)", xlabel="$x_1$", ylabel="$x_2$")
plt.show()

# %% [markdown] slide="subslide"
# 点の色は、その点がどの成分から生じたと考えられるか (負担率) を表し、楕円は推定した各ガウス分布の
# 広がり (内側がマハラノビス距離 1、外側が 2) を表す。3 つのクラスタがそれぞれ 1 つの成分で説明されている。
# この図がどのように計算されるのかを、01 章から順に組み立てていく。

# %% [markdown] lang="en"
# The colour of each point shows which component it is thought to have come from (its responsibilities), and the
# ellipses show the spread of each estimated Gaussian (the inner one at Mahalanobis distance 1, the outer at 2).
# Each of the three clusters is explained by one component. Starting with chapter 01, we will build up, step by
# step, how this figure is computed.

# %% [markdown] slide="slide"
# ## ウィジェットの使い方
#
# ウィジェットがあるのは 01、02、03、06、08、09、11、12 章である。スライダーやボタンでパラメータを動かし、図がどう変わるかをその場で確かめられる。
# 01 の `truth_explorer`、02 の `gaussian_explorer`、03 の `estep_explorer`、06 の `em_stepper` と `em_lab`、
# 08 の `singularity_explorer` と `kmeans_limit_explorer`、09 の `k_explorer`、11 の `variational_explorer`、12 の `bernoulli_stepper` の 10 個で、
# どれも `gt.widgets` にある。
#
# - スライダーはドラッグするか、つまみをクリックしてから矢印キーで 1 目盛りずつ動かす (矢印キーは JupyterLab で使える。Notebook 7 ではドラッグする)。
# - ▶ (Play) ボタンは反復を自動で進め、もう一度押すと止まる。
# - 不正な値 (たとえば相関係数 ±1) を選ぶと、ウィジェットの中に短い説明が表示される。値を戻せばそのまま使い続けられる。
# - 講義でプロジェクタに映すときは、章の最初で `gt.plot.lecture_mode(True)` を実行すると、文字・線・点が大きくなる。
#
# ウィジェットは Python のカーネルが動いているときだけ反応する。保存されたノートブックを開いただけでは
# 静止画が表示されるので、セルを実行し直してから操作すること。

# %% [markdown] lang="en"
# ## Using the widgets
#
# Widgets appear in chapters 01, 02, 03, 06, 08, 09, 11 and 12: you change their parameters with sliders and buttons and watch the figures respond.
# There are ten of them, all in `gt.widgets`: `truth_explorer` (01), `gaussian_explorer` (02), `estep_explorer` (03), `em_stepper` and `em_lab` (06),
# `singularity_explorer` and `kmeans_limit_explorer` (08), `k_explorer` (09), `variational_explorer` (11) and `bernoulli_stepper` (12).
#
# - Drag a slider, or click its handle and then move it one notch at a time with the arrow keys (the arrow keys work in JupyterLab; in Notebook 7, drag).
# - The ▶ (Play) button runs through the iterations automatically; press it again to stop.
# - If you choose an invalid value (a correlation coefficient of ±1, for example), the widget shows a short
#   explanation inside itself. Set the value back and carry on using it.
# - When you project a notebook in a lecture, run `gt.plot.lecture_mode(True)` at the start of the chapter:
#   text, lines and points become larger.
#
# Widgets respond only while a Python kernel is running. A saved notebook that you merely open shows still images,
# so run the cells again before you use the widgets.

# %% [markdown] slide="notes"
# ## 用語集 (Glossary)
#
# 以後の章で用いる記号、日本語の名前と英語の名前 (英語版や英語の教科書を読むときに使う)、コード上の名前の対応を示す。$n$ はデータ点の番号、$k$ は成分の番号である。
#
# | 記号 | 名前 | 英語名 | コード上の名前 | 形 |
# |---|---|---|---|---|
# | $N$ | データ点の数 | number of data points | `n`, `X.shape[0]` | |
# | $D$ | データの次元 | dimension of the data | `d`, `X.shape[1]` | |
# | $K$ | 成分の数 | number of components | `K` | |
# | $\mathbf{x}_n$ | $n$ 番目のデータ点 | the $n$-th data point | `X[n]` | `X`: (N, D) |
# | $z_n$ | 潜在変数 (点 $n$ を生んだ成分) | latent variable | `z` | (N,) |
# | $\phi_k$ | 混合係数 | mixing coefficient (weight) | `phi` | (K,) |
# | $\boldsymbol{\mu}_k$ | 平均 | mean | `mu` | (K, D) |
# | $\Sigma_k$ | 共分散行列 | covariance matrix | `sigma` | (K, D, D) |
# | $\Sigma_k^{-1}$ | 精度行列 (共分散行列の逆行列) | precision matrix | `np.linalg.inv(sigma[k])` | (D, D) |
# | $\mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma)$ | 多変量正規分布の確率密度 | multivariate normal (Gaussian) density | `gt.pdf`, `gt.log_pdf` | |
# | $\gamma_{nk}$ | 負担率 (事後確率 $p(z_n = k \mid \mathbf{x}_n)$) | responsibility | `responsibilities` | (N, K) |
# | $N_k = \sum_n \gamma_{nk}$ | 成分 $k$ の実効的な点数 | effective number of points of component $k$ | `N_k` | (K,) |
# | $\ln p(X \mid \theta)$ | 対数尤度 | log-likelihood | `log_likelihood`, `result.log_likelihoods` | |
# | $\theta = (\phi, \mu, \Sigma)$ | パラメータ全体 | all the parameters | `gt.GMMParams(phi, mu, sigma)` | |
# | $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$ | 二乗マハラノビス距離 | squared Mahalanobis distance | | |
# | reg_covar | 共分散行列の対角に足す小さな正則化項 | regularisation term | `reg_covar` | |
# | $q(\mathbf{z})$ | 潜在変数の任意の分布 (07 章) | a distribution over the latent variables | `q` | (N, K) |
# | $\mathcal{L}(q, \theta)$ | 下界 (ELBO) | (evidence) lower bound | `gt.lower_bound` | |
# | $\mathrm{KL}(q \,\|\, p)$ | KL ダイバージェンス | Kullback-Leibler divergence | `gt.kl_divergence` | |
# | | クラスタ (データ点が密に集まったまとまり) | cluster | | |
# | | プラトー (対数尤度がほとんど増えない反復が続く区間、05 章) | plateau | | |
# | | 採点関数 (演習の答えを参照実装と比べて採点する関数) | checker | `gt.checks.check_e_step` など | |
# | BIC, AIC | ベイズ情報量規準、赤池情報量規準 | Bayesian / Akaike information criterion | `gt.bic`, `gt.aic` | |
# | 共分散行列の型 | full, diag, spherical, tied | covariance type | `covariance_type` | |
# | $p(\theta)$ | 事前分布 (データを見る前のパラメータの分布、11 章) | prior (distribution) | | |
# | $p(\theta \mid X)$ | 事後分布 (データを見た後のパラメータの分布) | posterior (distribution) | | |
# | | ハイパーパラメータ (事前分布のパラメータ) | hyperparameter | `gt.fit_variational` の引数 | |
# | | 変分ベイズ (パラメータの事後分布を近似分布 $q$ で求める方法) | variational Bayes | `gt.fit_variational` | |
# | $q(\mathbf{z}, \theta) = q(\mathbf{z})\, q(\theta)$ | 平均場近似 (近似分布を独立な因子の積に限ること) | mean-field approximation | | |
# | $\mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$ | ディリクレ分布 (混合係数の分布) | Dirichlet distribution | `result.alpha` (事後分布の $\alpha_k$) | (K,) |
# | $\alpha_0$ | 集中度パラメータ (ディリクレ事前分布のパラメータ。小さいほど不要な成分が空になりやすい) | concentration parameter | `weight_concentration_prior` | |
# | $\mathcal{W}(\Lambda \mid W, \nu)$ | ウィシャート分布 (正定値行列の分布。精度行列の事前分布に使う) | Wishart distribution | | |
# | $\mathcal{N}(\boldsymbol{\mu} \mid \mathbf{m}, (\beta \Lambda)^{-1})\, \mathcal{W}(\Lambda \mid W, \nu)$ | ガウス–ウィシャート分布 (平均と精度行列の分布) | Gaussian–Wishart distribution | | |
# | $\mathcal{W}^{-1}(\Sigma \mid \Psi, \nu)$ | 逆ウィシャート分布 (逆行列がウィシャート分布に従う行列の分布。共分散行列の事前分布に使う) | inverse-Wishart distribution | | |
# | $\psi(a) = \frac{d}{da} \ln \Gamma(a)$ | ディガンマ関数 (ガンマ関数の対数の導関数。$\mathbb{E}[\ln \phi_k]$ に現れる) | digamma function | `scipy.special.digamma` | |
# | $p(X) = \int p(X \mid \theta)\, p(\theta)\, d\theta$ | 周辺尤度 (パラメータについて積分した尤度。BIC はその対数を近似し、変分下界はその対数を下から抑える) | marginal likelihood (evidence) | | |
# | $\mathcal{L}(q)$ | 変分下界 (07 章の下界をパラメータの分布にまで広げたもの) | variational lower bound | | |
# | | 最頻値 (確率密度が最大になる値) | mode | | |
# | $\arg\max_\theta p(\theta \mid X)$ | MAP 推定 (最大事後確率推定。事後分布の最頻値をパラメータの推定値とすること。reg_covar はその近似として読める、11 章) | MAP (maximum a posteriori) estimation | `reg_covar` | |
# | $\mathrm{Bern}(x \mid p) = p^x (1 - p)^{1 - x}$ | ベルヌーイ分布 (0 か 1 をとる変数の分布、12 章) | Bernoulli distribution | | |
# | $\sum_k \phi_k \prod_i p_{ki}^{x_i} (1 - p_{ki})^{1 - x_i}$ | ベルヌーイ混合 | Bernoulli mixture | `gt.fit_bernoulli` | |
# | $p_{ki}$ | 成分 $k$ で $i$ 番目の画素が 1 になる確率 | pixel probability | `result.p` | (K, D) |
# | $\mathbf{p}_k$ | プロトタイプ (成分 $k$ の $p_{ki}$ を画像として並べたもの) | prototype | `result.p[k]` | (D,) |
# | | 二値化 (値を閾値で 0 と 1 に分けること) | binarise | | |
# | $\alpha$ | 擬似カウント ($p_{ki}$ の分子に $\alpha$、分母に $2\alpha$ を足して 0 と 1 から離す小さな数。ベータ分布の事前分布による MAP 推定に当たる) | pseudo-count | `alpha` (`gt.fit_bernoulli` の引数) | |
# | | 混同行列 (正解のラベルと推定した成分の組ごとに点を数えた表) | confusion matrix | | |
# | | ハンガリー法 (成分とラベルを 1 対 1 に対応づける割り当て問題の古典的な解法) | Hungarian method | `scipy.optimize.linear_sum_assignment` (同じ問題を解く) | |
# | | 生成モデル (データが生じる過程を確率で書いたモデル、01 章と 12 章) | generative model | `gt.sample` | |

# %% [markdown] lang="en"
# ## Glossary (用語集)
#
# The symbols used in the later chapters, with their names in English and in Japanese (the Japanese edition's
# terms, also useful for reading Japanese textbooks) and their names in the code. $n$ numbers the data points and
# $k$ the components.
#
# | Symbol | English name | Japanese name | Name in the code | Shape |
# |---|---|---|---|---|
# | $N$ | number of data points | データ点の数 | `n`, `X.shape[0]` | |
# | $D$ | dimension of the data | データの次元 | `d`, `X.shape[1]` | |
# | $K$ | number of components | 成分の数 | `K` | |
# | $\mathbf{x}_n$ | the $n$-th data point | $n$ 番目のデータ点 | `X[n]` | `X`: (N, D) |
# | $z_n$ | latent variable (the component that generated point $n$) | 潜在変数 | `z` | (N,) |
# | $\phi_k$ | mixing coefficient (weight) | 混合係数 | `phi` | (K,) |
# | $\boldsymbol{\mu}_k$ | mean | 平均 | `mu` | (K, D) |
# | $\Sigma_k$ | covariance matrix | 共分散行列 | `sigma` | (K, D, D) |
# | $\Sigma_k^{-1}$ | precision matrix (the inverse of the covariance matrix) | 精度行列 | `np.linalg.inv(sigma[k])` | (D, D) |
# | $\mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma)$ | multivariate normal (Gaussian) density | 多変量正規分布の確率密度 | `gt.pdf`, `gt.log_pdf` | |
# | $\gamma_{nk}$ | responsibility (the posterior probability $p(z_n = k \mid \mathbf{x}_n)$) | 負担率 | `responsibilities` | (N, K) |
# | $N_k = \sum_n \gamma_{nk}$ | effective number of points of component $k$ | 成分 $k$ の実効的な点数 | `N_k` | (K,) |
# | $\ln p(X \mid \theta)$ | log-likelihood | 対数尤度 | `log_likelihood`, `result.log_likelihoods` | |
# | $\theta = (\phi, \mu, \Sigma)$ | all the parameters together | パラメータ全体 | `gt.GMMParams(phi, mu, sigma)` | |
# | $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$ | squared Mahalanobis distance | 二乗マハラノビス距離 | | |
# | reg_covar | regularisation: a small number added to the diagonal of the covariance matrices | 正則化項 | `reg_covar` | |
# | $q(\mathbf{z})$ | any distribution over the latent variables (chapter 07) | 潜在変数の任意の分布 | `q` | (N, K) |
# | $\mathcal{L}(q, \theta)$ | (evidence) lower bound, ELBO | 下界 | `gt.lower_bound` | |
# | $\mathrm{KL}(q \,\|\, p)$ | Kullback-Leibler divergence | KL ダイバージェンス | `gt.kl_divergence` | |
# | | cluster (a dense group of data points) | クラスタ | | |
# | | plateau (a stretch of iterations in which the log-likelihood hardly rises; chapter 05) | プラトー | | |
# | | checker (a function that grades an exercise against the reference implementation) | 採点関数 | `gt.checks.check_e_step`, ... | |
# | BIC, AIC | Bayesian / Akaike information criterion | ベイズ情報量規準、赤池情報量規準 | `gt.bic`, `gt.aic` | |
# | covariance type | full, diag, spherical, tied | 共分散行列の型 | `covariance_type` | |
# | $p(\theta)$ | prior (distribution): the distribution of the parameters before seeing the data (chapter 11) | 事前分布 | | |
# | $p(\theta \mid X)$ | posterior (distribution): the distribution of the parameters after seeing the data | 事後分布 | | |
# | | hyperparameter (a parameter of the prior) | ハイパーパラメータ | the arguments of `gt.fit_variational` | |
# | | variational Bayes (finding the parameters' posterior as an approximating distribution $q$) | 変分ベイズ | `gt.fit_variational` | |
# | $q(\mathbf{z}, \theta) = q(\mathbf{z})\, q(\theta)$ | mean-field approximation (restricting $q$ to a product of independent factors) | 平均場近似 | | |
# | $\mathrm{Dir}(\phi \mid \boldsymbol{\alpha})$ | Dirichlet distribution (a distribution over the mixing coefficients) | ディリクレ分布 | `result.alpha` (the posterior $\alpha_k$) | (K,) |
# | $\alpha_0$ | concentration parameter (of the Dirichlet prior; the smaller, the more readily unneeded components empty) | 集中度パラメータ | `weight_concentration_prior` | |
# | $\mathcal{W}(\Lambda \mid W, \nu)$ | Wishart distribution (over positive definite matrices; the prior on a precision matrix) | ウィシャート分布 | | |
# | $\mathcal{N}(\boldsymbol{\mu} \mid \mathbf{m}, (\beta \Lambda)^{-1})\, \mathcal{W}(\Lambda \mid W, \nu)$ | Gaussian–Wishart distribution (over a mean and a precision matrix) | ガウス–ウィシャート分布 | | |
# | $\mathcal{W}^{-1}(\Sigma \mid \Psi, \nu)$ | inverse-Wishart distribution (of a matrix whose inverse is Wishart-distributed; a prior on a covariance matrix) | 逆ウィシャート分布 | | |
# | $\psi(a) = \frac{d}{da} \ln \Gamma(a)$ | digamma function (the derivative of the log of the gamma function; it appears in $\mathbb{E}[\ln \phi_k]$) | ディガンマ関数 | `scipy.special.digamma` | |
# | $p(X) = \int p(X \mid \theta)\, p(\theta)\, d\theta$ | marginal likelihood, evidence (the likelihood integrated over the parameters; BIC approximates its log, and the variational lower bound bounds its log from below) | 周辺尤度 | | |
# | $\mathcal{L}(q)$ | variational lower bound (chapter 07's bound extended to distributions over the parameters) | 変分下界 | | |
# | | mode (the value at which a density is largest) | 最頻値 | | |
# | $\arg\max_\theta p(\theta \mid X)$ | MAP (maximum a posteriori) estimation (taking the posterior's mode as the estimate of the parameters; reg_covar reads as an approximation of it, chapter 11) | MAP 推定 | `reg_covar` | |
# | $\mathrm{Bern}(x \mid p) = p^x (1 - p)^{1 - x}$ | Bernoulli distribution (of a variable that is 0 or 1; chapter 12) | ベルヌーイ分布 | | |
# | $\sum_k \phi_k \prod_i p_{ki}^{x_i} (1 - p_{ki})^{1 - x_i}$ | Bernoulli mixture | ベルヌーイ混合 | `gt.fit_bernoulli` | |
# | $p_{ki}$ | the probability that pixel $i$ is 1 in component $k$ | 画素が 1 になる確率 | `result.p` | (K, D) |
# | $\mathbf{p}_k$ | prototype (component $k$'s $p_{ki}$ shown as an image) | プロトタイプ | `result.p[k]` | (D,) |
# | | binarise (turn values into 0 and 1 with a threshold) | 二値化 | | |
# | $\alpha$ | pseudo-count (a small number added to the numerator of $p_{ki}$, and $2\alpha$ to its denominator, to keep it away from 0 and 1; MAP estimation under a beta prior) | 擬似カウント | `alpha` (an argument of `gt.fit_bernoulli`) | |
# | | confusion matrix (a table counting the points for each pair of true label and fitted component) | 混同行列 | | |
# | | Hungarian method (the classical algorithm for the assignment problem: matching components with labels one to one) | ハンガリー法 | `scipy.optimize.linear_sum_assignment` (solves the same problem) | |
# | | generative model (a model that describes in probabilities how the data arise; chapters 01 and 12) | 生成モデル | `gt.sample` | |

# %% [markdown] slide="slide"
# ## まとめ
#
# - このシリーズは、教科書の一章の EM コードを 6 つの章に分けて導出・実装・可視化・自己チェックで学び、続く 6 つの章で教科書の先へ進む教材である。
# - どの章も最初のセルで `gmm_teach` を読み込み、`gt.set_language("ja")` で表示を日本語にする。
# - 記号とコード上の名前は上の用語集のとおりに対応させる。
#
# 次は [01 データ生成](01_data_generation.ipynb) である。

# %% [markdown] lang="en"
# ## Summary
#
# - This series takes the EM code of a textbook chapter, splits it into six chapters, and teaches it through
#   derivation, implementation, visualisation and self-checking exercises; six more chapters go beyond the textbook.
# - In every chapter the first cell imports `gmm_teach` and switches the display to English with
#   `gt.set_language("en")`.
# - Symbols and names in the code correspond as in the glossary above.
#
# Next: [01 Data generation](01_data_generation.ipynb).
