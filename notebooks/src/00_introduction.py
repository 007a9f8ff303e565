# %% [markdown]
# # 混合ガウスモデルと EM アルゴリズム ── はじめに
#
# このシリーズは、**混合ガウスモデル** (Gaussian Mixture Model, GMM) のパラメータを
# **EM アルゴリズム** で推定する方法を、式の導出から実装、可視化まで一歩ずつ学ぶ教材である。
# 元になったのは、3 成分の 2 次元 GMM を numpy だけで推定し、反復の様子をアニメーションで示す
# 教科書の一章である。本シリーズはそのコードを 6 つの章に分け、各ステップを自分の手で書き、
# パッケージ `gmm_teach` の正しい実装と照らし合わせながら進む。
#
# **この章で学ぶこと**
# - シリーズ全体の流れと各章の位置づけ
# - ノートブックの動かし方 (JupyterLab, Binder) とウィジェットの使い方
# - 以後の章で用いる記号とコード上の名前 (用語集)
#
# **前提とする知識**: 線形代数 (行列の積, 逆行列, 固有値), 確率の基礎 (条件付き確率, ベイズの定理),
# Python と numpy の基本的な使い方。

# %% [markdown]
# ## 章の構成
#
# | 章 | 内容 |
# |---|---|
# | [00 はじめに](00_introduction.ipynb) | シリーズの案内, 動かし方, 用語集 (この章) |
# | [01 データ生成](01_data_generation.ipynb) | 生成モデルとしての GMM: 成分を選び, そのガウス分布から点を引く |
# | [02 ガウス分布の確率密度](02_gaussian_pdf.ipynb) | 多変量正規分布の式, マハラノビス距離, 楕円, 対数で計算する理由 |
# | [03 E ステップ](03_e_step.ipynb) | ベイズの定理による負担率, log-sum-exp |
# | [04 M ステップ](04_m_step.ipynb) | 重み付き最尤推定としての $N_k, \phi_k, \mu_k, \Sigma_k$ の導出 |
# | [05 EM アルゴリズム](05_em_algorithm.ipynb) | 反復, 収束判定, 対数尤度の推移, 教科書の結果の再現, ラベルの入れ替わり |
# | [06 アニメーション](06_animation.ipynb) | 反復のアニメーション, ステッパーと EM ラボ, 講義用 GIF の書き出し |
#
# 01 から順に読むことを想定している。各章は「この章で学ぶこと」で始まり, 文章 → 短いコード → 図 →
# 図の読み方 を繰り返し, 最後に「まとめ」と「演習」で終わる。

# %% [markdown]
# ## 動かし方
#
# - **手元の JupyterLab**: リポジトリの最上位で `make lab` を実行すると, 仮想環境 `.venv` を作って
#   必要なパッケージを入れ, JupyterLab がこのノートブックを開く。`make` がない環境では
#   `python -m venv .venv`, `pip install -r requirements.txt -e .`, `jupyter lab` の 3 手順でよい。
# - **Binder**: README にある Binder のリンクを開くと, ブラウザだけで同じ環境が立ち上がる。
#   初回はイメージの構築に数分かかる。
# - どの章も, 上から順にセルを実行すれば (メニューの Run → Run All Cells) 同じ結果が得られる。
#   乱数はすべてシードを固定している。
#
# 次のセルは, どの章でも最初に実行するセルである。`gmm_teach` を読み込み, 表示言語を日本語にする。

# %%
import numpy as np
import matplotlib.pyplot as plt
import gmm_teach as gt
gt.set_language("ja")

# %% [markdown]
# 準備ができたかどうかは, 教科書の章と同じデータに EM を当てはめてみればわかる。
# 下のセルは 1000 点のデータに 3 成分の GMM を推定し, 推定した混合係数 $\phi$ を表示する。

# %%
X = gt.textbook_data()
result = gt.fit(X, 3, init="textbook", seed=11, reg_covar=0.0)
print("データの形:", X.shape)
print("反復回数:", result.n_iter)
print("混合係数 phi:", np.round(result.params.phi, 4))

# %% [markdown]
# 1000 点の 2 次元データに対し, 58 回の反復で推定が収束した。真の混合係数は 0.3, 0.4, 0.3 であり,
# 推定値は順番こそ異なるがほぼ同じ値になっている。順番が入れ替わる理由 (ラベルの入れ替わり) は
# 05 章で扱う。推定結果を図にすると次のようになる。

# %%
fig, ax = plt.subplots(figsize=(5, 5))
gt.plot.draw_points(ax, X, result.responsibilities)
gt.plot.draw_ellipses(ax, result.params, radii=(1, 2))
ax.set(title="EM fit of the textbook data (K = 3)", xlabel="$x_1$", ylabel="$x_2$")
plt.show()

# %% [markdown]
# 点の色は, その点がどの成分から生じたと考えられるか (負担率) を表し, 楕円は推定した各ガウス分布の
# 広がり (内側がマハラノビス距離 1, 外側が 2) を表す。3 つの塊がそれぞれ 1 つの成分で説明されている。
# この図がどのように計算されるのかを, 01 章から順に組み立てていく。

# %% [markdown]
# ## ウィジェットの使い方
#
# 各章には, スライダーやボタンでパラメータを動かせるウィジェットがある。
#
# - スライダーはドラッグするか, つまみをクリックしてから矢印キーで 1 目盛りずつ動かす。
# - ▶ (Play) ボタンは反復を自動で進め, もう一度押すと止まる。
# - 不正な値 (たとえば相関係数 ±1) を選ぶと, ウィジェットの中に短い説明が表示される。値を戻せばそのまま使い続けられる。
# - 講義でプロジェクタに映すときは, 章の最初で `gt.plot.lecture_mode(True)` を実行すると, 文字・線・点が大きくなる。
#
# ウィジェットは Python のカーネルが動いているときだけ反応する。保存されたノートブックを開いただけでは
# 静止画が表示されるので, セルを実行し直してから操作すること。

# %% [markdown]
# ## 用語集
#
# 以後の章で用いる記号, 日本語の名前, コード上の名前の対応を示す。$n$ はデータ点の番号, $k$ は成分の番号である。
#
# | 記号 | 名前 | コード上の名前 | 形 |
# |---|---|---|---|
# | $N$ | データ点の数 | `n`, `X.shape[0]` | |
# | $D$ | データの次元 | `d`, `X.shape[1]` | |
# | $K$ | 成分の数 | `K` | |
# | $\mathbf{x}_n$ | $n$ 番目のデータ点 | `X[n]` | `X`: (N, D) |
# | $z_n$ | 潜在変数 (点 $n$ を生んだ成分) | `z` | (N,) |
# | $\phi_k$ | 混合係数 | `phi` | (K,) |
# | $\boldsymbol{\mu}_k$ | 平均 | `mu` | (K, D) |
# | $\Sigma_k$ | 共分散行列 | `sigma` | (K, D, D) |
# | $\Sigma_k^{-1}$ | 精度行列 (共分散行列の逆行列) | `np.linalg.inv(sigma[k])` | (D, D) |
# | $\mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma)$ | 多変量正規分布の確率密度 | `gt.pdf`, `gt.log_pdf` | |
# | $\gamma_{nk}$ | 負担率 (事後確率 $p(z_n = k \mid \mathbf{x}_n)$) | `responsibilities` | (N, K) |
# | $N_k = \sum_n \gamma_{nk}$ | 成分 $k$ の実効的な点数 | `N_k` | (K,) |
# | $\ln p(X \mid \theta)$ | 対数尤度 | `log_likelihood`, `result.log_likelihoods` | |
# | $\theta = (\phi, \mu, \Sigma)$ | パラメータ全体 | `gt.GMMParams(phi, mu, sigma)` | |
# | $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$ | マハラノビス距離の 2 乗 | | |
# | reg_covar | 共分散行列の対角に足す小さな正則化項 | `reg_covar` | |

# %% [markdown]
# ## まとめ
#
# - このシリーズは, 教科書の一章の EM コードを 6 つの章に分け, 導出・実装・可視化・自己チェックで学ぶ教材である。
# - どの章も最初のセルで `gmm_teach` を読み込み, `gt.set_language("ja")` で表示を日本語にする。
# - 記号とコード上の名前は上の用語集のとおりに対応させる。
#
# 次は [01 データ生成](01_data_generation.ipynb) である。
