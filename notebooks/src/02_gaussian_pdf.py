# %% [markdown] slide="slide"
# # 02 ガウス分布の確率密度
#
# [Colab で開く](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/ja/02_gaussian_pdf.ipynb) (インストール不要。Google アカウントで実行できる)
#
# EM アルゴリズムの E ステップでも対数尤度の計算でも、中心にあるのは各成分の密度 $\mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ の値である。
# この章では、多変量正規分布の密度の式を項ごとに読み解き、図に描かれる楕円の意味を確かめ、
# 計算機の上でそれを安全に計算する方法 (コレスキー分解と対数) を学ぶ。
#
# **この章で学ぶこと**
# - 多変量正規分布の密度の式: 正規化定数 $(2\pi)^{D/2} |\Sigma|^{1/2}$ と二次形式 $(\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$ の役割
# - マハラノビス距離とユークリッド距離の違い
# - 共分散楕円が固有値分解 $\Sigma = V \Lambda V^\top$ から生じる理由と、半径 $r$ の楕円の内側の確率 $1 - e^{-r^2/2}$
# - パッケージがコレスキー分解で密度を計算する方法と、密度を対数のまま計算する理由 (アンダーフロー)
# - 1 次元と 2 次元の混合分布の密度の形
#
# **前提**: [01 データ生成](01_data_generation.ipynb)。線形代数 (逆行列、行列式、対称行列の固有値分解)、
# 1 変数の正規分布 $\mathcal{N}(x \mid \mu, \sigma^2)$。

# %% [markdown] lang="en"
# # 02 The Gaussian density
#
# [Open in Colab](https://colab.research.google.com/github/OWNER/REPO/blob/main/notebooks/en/02_gaussian_pdf.ipynb) (nothing to install; runs with a Google account)
#
# Both the E-step of the EM algorithm and the computation of the log-likelihood revolve around the values of each component's density $\mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$.
# In this chapter we read the formula of the multivariate normal density term by term, find out what the ellipses drawn in the figures mean,
# and learn how to compute the density safely on a computer (the Cholesky decomposition and logarithms).
#
# **What you will learn**
# - the formula of the multivariate normal density: the roles of the normalising constant $(2\pi)^{D/2} |\Sigma|^{1/2}$ and of the quadratic form $(\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$
# - how the Mahalanobis distance differs from the Euclidean distance
# - why covariance ellipses arise from the eigendecomposition $\Sigma = V \Lambda V^\top$, and why the probability inside the ellipse of radius $r$ is $1 - e^{-r^2/2}$
# - how the package computes the density with the Cholesky decomposition, and why it keeps the density in logarithms (underflow)
# - what mixture densities look like in one and two dimensions
#
# **Prerequisites**: [01 Data generation](01_data_generation.ipynb); linear algebra (inverse, determinant, eigendecomposition of a symmetric matrix);
# the univariate normal distribution $\mathcal{N}(x \mid \mu, \sigma^2)$.

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

# %% [markdown] slide="slide"
# ## 多変量正規分布の密度
#
# $D$ 次元の正規分布 (ガウス分布) の確率密度は
#
# $$
# \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma)
# = \frac{1}{(2\pi)^{D/2}\, |\Sigma|^{1/2}}
#   \exp\!\left( -\frac{1}{2} (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu}) \right)
# $$
#
# である。$\boldsymbol{\mu}$ は平均 ($D$ 次元ベクトル)、$\Sigma$ は共分散行列 ($D \times D$ の対称正定値行列)、$|\Sigma|$ はその行列式である。
# 式は 2 つの部分からなる。
#
# - **二次形式** $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$: $\Sigma$ が正定値なので $\Delta^2 \ge 0$ であり、
#   等号は $\mathbf{x} = \boldsymbol{\mu}$ のときだけ成り立つ。したがって $\exp(-\Delta^2/2)$ は平均で最大値 1 をとり、平均から離れるほど小さくなる。
#   密度の形 (どの方向にどれだけ広がるか) はすべてこの項が決める。
# - **正規化定数** $(2\pi)^{D/2} |\Sigma|^{1/2}$: $\exp(-\Delta^2/2)$ を全空間で積分した値であり、これで割ることで密度の積分が 1 になる。
#   $D = 1$、$\Sigma = \sigma^2$ とすると、よく知られた $\frac{1}{\sqrt{2\pi\sigma^2}} \exp\!\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)$ に戻る。
#
# 教科書のモデルの成分 0 (01 章で述べたとおり、コードの成分 0 が式の $k = 1$ に当たる) は、平均 $\boldsymbol{\mu} = (0, 0)$、
# 共分散行列 $\Sigma = \begin{pmatrix} 1 & 0.3 \\ 0.3 & 1 \end{pmatrix}$ のガウス分布である。3 つの点での密度を式のとおりに計算してみる。

# %% [markdown] lang="en"
# ## The multivariate normal density
#
# The probability density of the $D$-dimensional normal (Gaussian) distribution is
#
# $$
# \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma)
# = \frac{1}{(2\pi)^{D/2}\, |\Sigma|^{1/2}}
#   \exp\!\left( -\frac{1}{2} (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu}) \right)
# $$
#
# Here $\boldsymbol{\mu}$ is the mean (a $D$-dimensional vector), $\Sigma$ is the covariance matrix (a symmetric positive definite $D \times D$ matrix) and $|\Sigma|$ is its determinant.
# The formula has two parts.
#
# - **The quadratic form** $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$: since $\Sigma$ is positive definite, $\Delta^2 \ge 0$,
#   with equality only at $\mathbf{x} = \boldsymbol{\mu}$. So $\exp(-\Delta^2/2)$ takes its maximum value 1 at the mean and decreases the further we move away from it.
#   This term alone determines the shape of the density (in which directions it spreads, and how far).
# - **The normalising constant** $(2\pi)^{D/2} |\Sigma|^{1/2}$: the integral of $\exp(-\Delta^2/2)$ over the whole space; dividing by it makes the density integrate to 1.
#   With $D = 1$ and $\Sigma = \sigma^2$ we recover the familiar $\frac{1}{\sqrt{2\pi\sigma^2}} \exp\!\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)$.
#
# Component 0 of the textbook's model (as explained in chapter 01, the code's component 0 is the formulas' $k = 1$) is the Gaussian with mean $\boldsymbol{\mu} = (0, 0)$
# and covariance matrix $\Sigma = \begin{pmatrix} 1 & 0.3 \\ 0.3 & 1 \end{pmatrix}$. Let us compute its density at three points, exactly as the formula says.

# %% slide="subslide"
truth = gt.TEXTBOOK_TRUTH
mu0, sigma0 = truth.mu[0], truth.sigma[0]  # component 0 of the textbook truth
x = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, -1.0]])  # three points, (n, D)
D = x.shape[1]
diff = x - mu0  # (n, D)
quad = np.sum(diff @ np.linalg.inv(sigma0) * diff, axis=1)  # (n,) (x - mu)^T Sigma^{-1} (x - mu)
norm_const = (2 * np.pi) ** (D / 2) * np.sqrt(np.linalg.det(sigma0))
density = np.exp(-0.5 * quad) / norm_const
print("quadratic form:", np.round(quad, 4))
print(f"normalising constant: {norm_const:.4f}")
print("density:", np.round(density, 4))
print("equal to gt.pdf:", np.allclose(density, gt.pdf(x, mu0, sigma0)))
print("equal to the chapter's gaussian_pdf:", np.allclose(density, gt.textbook.gaussian_pdf(x, mu0, sigma0)))

# %% [markdown] slide="subslide"
# 二次形式の計算 `np.sum(diff @ inv * diff, axis=1)` について補足する。`diff @ inv` は $(n, D)$ 配列であり、これに `diff` を要素ごとに掛けて
# 各行で和をとると、各点 $n$ について $(\mathbf{x}_n-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}_n-\boldsymbol{\mu})$ が得られる。
# `diff @ inv @ diff.T` と書くと、すべての点の組についての $(n, n)$ 行列を計算してしまうので注意する。
#
# 結果を読もう。平均 $(0, 0)$ では二次形式が 0 で、密度は最大値 $1 / 5.9938 = 0.1668$ をとる。
# $(1, 1)$ と $(1, -1)$ は平均からのユークリッド距離がどちらも $\sqrt{2}$ であるが、二次形式は 1.5385 と 2.8571 で、密度は約 2 倍違う。
# 成分 0 は右上がりの相関 ($\rho = 0.3$) をもつので、右上がりの方向にある $(1, 1)$ の方が「平均に近い」のである。
# パッケージの `gt.pdf` と教科書の章の `gaussian_pdf` も同じ値を返す。
#
# 正規化定数がたしかに積分を 1 にしていることを、細かい格子の上で密度を足し合わせて確かめる。

# %% [markdown] lang="en"
# A word on how the quadratic form is computed, `np.sum(diff @ inv * diff, axis=1)`. `diff @ inv` is an $(n, D)$ array; multiplying it elementwise by `diff`
# and summing each row gives $(\mathbf{x}_n-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}_n-\boldsymbol{\mu})$ for each point $n$.
# Be careful: `diff @ inv @ diff.T` would compute an $(n, n)$ matrix over every pair of points.
#
# Now let us read the results. At the mean $(0, 0)$ the quadratic form is 0 and the density takes its maximum, $1 / 5.9938 = 0.1668$.
# The points $(1, 1)$ and $(1, -1)$ are both at Euclidean distance $\sqrt{2}$ from the mean, but their quadratic forms are 1.5385 and 2.8571, and their densities differ by a factor of about 2.
# Component 0 has a positive correlation ($\rho = 0.3$), so $(1, 1)$, which lies in the up-and-to-the-right direction, is "closer to the mean".
# The package's `gt.pdf` and the textbook chapter's `gaussian_pdf` return the same values.
#
# Let us check that the normalising constant really makes the integral 1, by adding up the density over a fine grid.

# %%
g = np.linspace(-8, 8, 401)  # grid spacing 0.04
gx, gy = np.meshgrid(g, g)
grid = np.column_stack([gx.ravel(), gy.ravel()])  # (401 * 401, 2)
print(f"sum of density x cell area: {gt.pdf(grid, mu0, sigma0).sum() * (g[1] - g[0]) ** 2:.6f}")

# %% [markdown]
# 和は 1 になった。正規化定数の形は、変数変換で理解できる。$\Sigma = LL^\top$ と分解し (後で述べるコレスキー分解)、
# $\mathbf{w} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$ とおくと $\Delta^2 = \|\mathbf{w}\|^2$ となり、体積要素は $d\mathbf{x} = |L|\, d\mathbf{w} = |\Sigma|^{1/2} d\mathbf{w}$ となる。
# 各座標について $\int e^{-w_i^2/2} dw_i = \sqrt{2\pi}$ であるから、
# $\int \exp(-\Delta^2/2)\, d\mathbf{x} = (2\pi)^{D/2} |\Sigma|^{1/2}$ が得られる。

# %% [markdown] lang="en"
# The sum is 1. The form of the normalising constant can be understood through a change of variables. Factor $\Sigma = LL^\top$ (the Cholesky decomposition, discussed later)
# and set $\mathbf{w} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$. Then $\Delta^2 = \|\mathbf{w}\|^2$, and the volume element becomes $d\mathbf{x} = |L|\, d\mathbf{w} = |\Sigma|^{1/2} d\mathbf{w}$.
# Since $\int e^{-w_i^2/2} dw_i = \sqrt{2\pi}$ for each coordinate,
# we get $\int \exp(-\Delta^2/2)\, d\mathbf{x} = (2\pi)^{D/2} |\Sigma|^{1/2}$.

# %% [markdown] slide="slide"
# ## マハラノビス距離
#
# 二次形式の平方根
#
# $$
# \Delta(\mathbf{x}) = \sqrt{(\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})}
# $$
#
# を、点 $\mathbf{x}$ の平均 $\boldsymbol{\mu}$ からの **マハラノビス距離** という。$\Sigma = I$ ならユークリッド距離 $\|\mathbf{x} - \boldsymbol{\mu}\|$ に一致する。
# 一般には、分布が大きく広がっている方向の距離は小さく、広がりの小さい方向の距離は大きく数える。
# 密度は $\Delta$ だけで決まる ($\mathcal{N} \propto e^{-\Delta^2/2}$) ので、マハラノビス距離が等しい点では密度も等しい。
#
# 違いがはっきり見えるように、相関の強い分布 $\boldsymbol{\mu} = \mathbf{0}$、$\Sigma = \begin{pmatrix} 1 & 0.8 \\ 0.8 & 1 \end{pmatrix}$ を考える。
# 平均からのユークリッド距離がどちらも 2 である 2 点 $\mathbf{a} = (\sqrt{2}, \sqrt{2})$ と $\mathbf{b} = (\sqrt{2}, -\sqrt{2})$ の距離を比べる。

# %% [markdown] lang="en"
# ## The Mahalanobis distance
#
# The square root of the quadratic form,
#
# $$
# \Delta(\mathbf{x}) = \sqrt{(\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})}
# $$
#
# is called the **Mahalanobis distance** of the point $\mathbf{x}$ from the mean $\boldsymbol{\mu}$. When $\Sigma = I$ it equals the Euclidean distance $\|\mathbf{x} - \boldsymbol{\mu}\|$.
# In general it counts distances as small in directions in which the distribution is widely spread, and as large in directions in which it is narrow.
# The density depends on $\Delta$ alone ($\mathcal{N} \propto e^{-\Delta^2/2}$), so points at equal Mahalanobis distance have equal density.
#
# To make the difference plain, take a strongly correlated distribution, $\boldsymbol{\mu} = \mathbf{0}$, $\Sigma = \begin{pmatrix} 1 & 0.8 \\ 0.8 & 1 \end{pmatrix}$.
# We compare the distances of two points that are both at Euclidean distance 2 from the mean, $\mathbf{a} = (\sqrt{2}, \sqrt{2})$ and $\mathbf{b} = (\sqrt{2}, -\sqrt{2})$.

# %%
mu_c, sigma_c = np.zeros(2), np.array([[1.0, 0.8], [0.8, 1.0]])  # a strongly correlated Gaussian
ab = np.array([[np.sqrt(2), np.sqrt(2)], [np.sqrt(2), -np.sqrt(2)]])  # the points a and b
diff = ab - mu_c
euclid = np.sqrt(np.sum(diff**2, axis=1))
maha = np.sqrt(np.sum(diff @ np.linalg.inv(sigma_c) * diff, axis=1))
print("Euclidean distance of a, b:  ", np.round(euclid, 4))
print("Mahalanobis distance of a, b:", np.round(maha, 4))

# %% [markdown] slide="subslide"
# ユークリッド距離は等しいが、マハラノビス距離は $\mathbf{a}$ が 1.49、$\mathbf{b}$ が 4.47 と 3 倍も違う。
# この分布から 2000 点を引き、マハラノビス距離 $r = 1, 2, 3$ の等高線 (楕円) と、ユークリッド距離 2 の円とを重ねて描く。

# %% [markdown] lang="en"
# The Euclidean distances are equal, but the Mahalanobis distances, 1.49 for $\mathbf{a}$ and 4.47 for $\mathbf{b}$, differ by a factor of 3.
# We draw 2000 points from this distribution and overlay the contours (ellipses) at Mahalanobis distance $r = 1, 2, 3$ and the circle at Euclidean distance 2.

# %%
gauss_c = gt.GMMParams([1.0], [mu_c], [sigma_c])  # the same Gaussian as a one-component mixture
X_c, _ = gt.sample(gauss_c, 2000, seed=0)
circle = 2 * np.column_stack([np.cos(np.linspace(0, 2 * np.pi, 200)), np.sin(np.linspace(0, 2 * np.pi, 200))])
fig, ax = plt.subplots(figsize=(5.5, 5.5))
gt.plot.draw_points(ax, X_c)
ellipses = gt.plot.draw_ellipses(ax, gauss_c, radii=(1, 2, 3))
ellipses[0].set_label("Mahalanobis distance 1, 2, 3")
ax.plot(circle[:, 0], circle[:, 1], "k:", label="Euclidean distance 2")
ax.scatter(ab[:, 0], ab[:, 1], color="k", zorder=5)
for name, point, d in zip("ab", ab, maha):
    ax.annotate(f"$\\mathbf{{{name}}}$: $\\Delta$ = {d:.2f}", point, xytext=(8, -4), textcoords="offset points")
ax.set(title="Equal Euclidean, different Mahalanobis distance", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
ax.legend(loc="upper left")
plt.show()

# %% [markdown] slide="subslide"
# 青の楕円がマハラノビス距離 1、2、3 の等高線、点線の円がユークリッド距離 2 の点の集まりである。
# 点群は右上がりに細長く広がっている。$\mathbf{a}$ はその長い方向にあり、$r = 1$ と $r = 2$ の楕円の間に入る。周りにも点がたくさんある。
# 一方 $\mathbf{b}$ は細い方向に外れていて、$r = 3$ の楕円よりもさらに外側にあり、周りに点はほとんどない。
# 円 (ユークリッド距離) は 2 点を区別できないが、楕円 (マハラノビス距離) は「この分布にとってどれだけありふれた点か」を測っている。
# E ステップで点を成分に割り当てるときにも、主に効いてくるのはこの距離である。

# %% [markdown] lang="en"
# The blue ellipses are the contours at Mahalanobis distance 1, 2 and 3; the dotted circle is the set of points at Euclidean distance 2.
# The cloud of points stretches up and to the right. $\mathbf{a}$ lies in that long direction, between the $r = 1$ and $r = 2$ ellipses, with plenty of points around it.
# $\mathbf{b}$, on the other hand, sticks out in the narrow direction, even beyond the $r = 3$ ellipse, with hardly any points nearby.
# The circle (Euclidean distance) cannot tell the two points apart, whereas the ellipses (Mahalanobis distance) measure "how ordinary a point is for this distribution".
# When the E-step assigns points to components, it is mainly this distance that matters.

# %% [markdown] slide="slide"
# ## 楕円と固有値分解
#
# マハラノビス距離の等高線がなぜ楕円になるのかは、共分散行列の固有値分解から分かる。
# 対称行列 $\Sigma$ は、直交行列 $V = (\mathbf{v}_1, \dots, \mathbf{v}_D)$ (列が正規直交な固有ベクトル) と
# 固有値を並べた対角行列 $\Lambda = \mathrm{diag}(\lambda_1, \dots, \lambda_D)$ によって
#
# $$
# \Sigma = V \Lambda V^\top, \qquad \Sigma^{-1} = V \Lambda^{-1} V^\top
# $$
#
# と分解できる。正定値なので $\lambda_i > 0$ である。固有ベクトル方向の座標 $\mathbf{y} = V^\top (\mathbf{x} - \boldsymbol{\mu})$ を使うと
#
# $$
# \Delta^2 = \mathbf{y}^\top \Lambda^{-1} \mathbf{y} = \sum_{i=1}^{D} \frac{y_i^2}{\lambda_i}
# $$
#
# となる。したがって $\Delta = r$ の等高線は $\sum_i y_i^2 / (r\sqrt{\lambda_i})^2 = 1$、すなわち
# **軸が固有ベクトル $\mathbf{v}_i$ の方向を向き、半軸の長さが $r\sqrt{\lambda_i}$ の楕円** である。
#
# 上の $\Sigma$ で確かめる。固有値は大きい順に $\lambda_1 \ge \lambda_2$ と番号づける。`np.linalg.eigh` は小さい順に返すので、
# 教科書の章の `plot_gaussian_ellipse` と同じく並べ替える。また固有ベクトルは符号を反転しても同じ軸を表すので、第 2 成分が正になるようにそろえる (後の図の矢印と同じ向きになる)。

# %% [markdown] lang="en"
# ## Ellipses and the eigendecomposition
#
# Why the contours of the Mahalanobis distance are ellipses follows from the eigendecomposition of the covariance matrix.
# A symmetric matrix $\Sigma$ can be decomposed, with an orthogonal matrix $V = (\mathbf{v}_1, \dots, \mathbf{v}_D)$ (whose columns are orthonormal eigenvectors) and
# the diagonal matrix of the eigenvalues $\Lambda = \mathrm{diag}(\lambda_1, \dots, \lambda_D)$, as
#
# $$
# \Sigma = V \Lambda V^\top, \qquad \Sigma^{-1} = V \Lambda^{-1} V^\top
# $$
#
# Positive definiteness gives $\lambda_i > 0$. In the coordinates along the eigenvectors, $\mathbf{y} = V^\top (\mathbf{x} - \boldsymbol{\mu})$,
#
# $$
# \Delta^2 = \mathbf{y}^\top \Lambda^{-1} \mathbf{y} = \sum_{i=1}^{D} \frac{y_i^2}{\lambda_i}
# $$
#
# So the contour $\Delta = r$ is $\sum_i y_i^2 / (r\sqrt{\lambda_i})^2 = 1$, that is,
# **an ellipse whose axes point along the eigenvectors $\mathbf{v}_i$ and whose semi-axes have lengths $r\sqrt{\lambda_i}$**.
#
# Let us check this with the $\Sigma$ above. We number the eigenvalues from largest to smallest, $\lambda_1 \ge \lambda_2$. `np.linalg.eigh` returns them in ascending order,
# so we reverse them, as the textbook chapter's `plot_gaussian_ellipse` does. An eigenvector with its sign flipped describes the same axis, so we make the second entry of each one positive (they then point the same way as the arrows in the figure further down).

# %% slide="subslide"
lam, V = np.linalg.eigh(sigma_c)  # eigenvalues in ascending order, eigenvectors in the columns of V
lam, V = lam[::-1], V[:, ::-1]  # largest first: lambda_1 >= lambda_2
V = V * np.sign(V[1])  # the sign of an eigenvector is arbitrary: make the second entries positive
print("eigenvalues lambda_1, lambda_2:", np.round(lam, 4))
print("eigenvectors v_1, v_2 (columns):\n", np.round(V, 4))
print("V diag(lambda) V^T equals sigma:", np.allclose(V @ np.diag(lam) @ V.T, sigma_c))
y = (ab - mu_c) @ V  # coordinates of a and b along the eigenvectors
print("Delta of a, b from sum y_i^2 / lambda_i:", np.round(np.sqrt(np.sum(y**2 / lam, axis=1)), 4))

# %% [markdown]
# 固有値は $\lambda_1 = 1.8$ と $\lambda_2 = 0.2$ である。$\mathbf{v}_1 = (1, 1)/\sqrt{2}$ は右上がりの長軸の向き、
# $\mathbf{v}_2 = (-1, 1)/\sqrt{2}$ は短軸の向きである。$\mathbf{a}$ はちょうど長軸の上にあるので $\Delta = 2/\sqrt{1.8} = 1.49$、
# $\mathbf{b}$ は短軸の上にあるので $\Delta = 2/\sqrt{0.2} = 4.47$ となり、前節の値と一致する。
#
# パッケージの `gt.ellipse_geometry(sigma, r)` は、matplotlib で楕円を描くための幅・高さ・角度を返す。幅と高さは長軸・短軸の全長
# $2r\sqrt{\lambda_i}$ である。

# %% [markdown] lang="en"
# The eigenvalues are $\lambda_1 = 1.8$ and $\lambda_2 = 0.2$. $\mathbf{v}_1 = (1, 1)/\sqrt{2}$ points along the long axis, up and to the right,
# and $\mathbf{v}_2 = (-1, 1)/\sqrt{2}$ along the short axis. $\mathbf{a}$ lies exactly on the long axis, so $\Delta = 2/\sqrt{1.8} = 1.49$;
# $\mathbf{b}$ lies on the short axis, so $\Delta = 2/\sqrt{0.2} = 4.47$. Both agree with the previous section.
#
# The package's `gt.ellipse_geometry(sigma, r)` returns the width, height and angle for drawing the ellipse with matplotlib. The width and height are the full lengths of the long and short axes,
# $2r\sqrt{\lambda_i}$.

# %%
r = 2
width, height, angle = gt.ellipse_geometry(sigma_c, r)
print(f"width  {width:.4f} = 2 r sqrt(lambda_1) = {2 * r * np.sqrt(lam[0]):.4f}")
print(f"height {height:.4f} = 2 r sqrt(lambda_2) = {2 * r * np.sqrt(lam[1]):.4f}")

# %% [markdown] slide="subslide"
# 楕円と固有ベクトルを図にする。矢印は平均から $\sqrt{\lambda_i}\,\mathbf{v}_i$ まで伸びており、$r = 1$ の楕円の半軸そのものである。
# 凡例には、各楕円の内側に入る確率を書き添えた (その値は次に導く)。

# %% [markdown] lang="en"
# Now a figure of the ellipses and the eigenvectors. The arrows run from the mean to $\sqrt{\lambda_i}\,\mathbf{v}_i$: they are exactly the semi-axes of the $r = 1$ ellipse.
# The legend gives the probability inside each ellipse (derived next).

# %%
fig, ax = plt.subplots(figsize=(5.5, 5.5))
gt.plot.draw_points(ax, X_c, alpha=0.25)
ellipses = gt.plot.draw_ellipses(ax, gauss_c, radii=(1, 2, 3))
for ellipse, r in zip(ellipses, ellipses.radii):
    ellipse.set_label(f"$r = {r:g}$: {gt.plot.mass_label(r)} inside")
arrows, texts = gt.plot.draw_eigenvectors(ax, mu_c, sigma_c)
texts[1].set_horizontalalignment("right")  # keep the label of v_2 off the ellipse
ax.legend(loc="upper left")
ax.set(title="Ellipses $\\Delta = r$ and eigenvectors of $\\Sigma$", xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
plt.show()

# %% [markdown] slide="subslide"
# 半径 $r$ の楕円の内側の確率は、2 次元では次のように求まる。先に導入した $\mathbf{w} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$ は標準正規分布
# $\mathcal{N}(\mathbf{0}, I)$ に従い、$\Delta = \|\mathbf{w}\|$ である。2 次元の標準正規分布を極座標 $(\rho, \theta)$ で書くと、
# 確率要素は $\frac{1}{2\pi} e^{-\rho^2/2} \rho\, d\rho\, d\theta$ なので、
#
# $$
# P(\Delta \le r) = \int_0^{2\pi}\!\! \int_0^r \frac{1}{2\pi} e^{-\rho^2/2} \rho\, d\rho\, d\theta = 1 - e^{-r^2/2}
# $$
#
# となる ($\Delta^2$ は自由度 2 のカイ二乗分布に従う)。$r = 1, 2, 3$ でそれぞれ 39.3 %、86.5 %、98.9 % である。
# 10 万点を引いて、実際に楕円の内側に入る点の割合を数えてみる。

# %% [markdown] lang="en"
# In two dimensions the probability inside the ellipse of radius $r$ can be found as follows. The $\mathbf{w} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$ introduced above follows the standard normal distribution
# $\mathcal{N}(\mathbf{0}, I)$, and $\Delta = \|\mathbf{w}\|$. Written in polar coordinates $(\rho, \theta)$, the two-dimensional standard normal distribution
# has the probability element $\frac{1}{2\pi} e^{-\rho^2/2} \rho\, d\rho\, d\theta$, so
#
# $$
# P(\Delta \le r) = \int_0^{2\pi}\!\! \int_0^r \frac{1}{2\pi} e^{-\rho^2/2} \rho\, d\rho\, d\theta = 1 - e^{-r^2/2}
# $$
#
# ($\Delta^2$ follows the chi-squared distribution with 2 degrees of freedom). For $r = 1, 2, 3$ this is 39.3 %, 86.5 % and 98.9 %.
# Let us draw 100,000 points and count the share that actually falls inside each ellipse.

# %%
X_big, _ = gt.sample(gauss_c, 100_000, seed=1)
diff = X_big - mu_c
maha2 = np.sum(diff @ np.linalg.inv(sigma_c) * diff, axis=1)  # squared Mahalanobis distances
for r in (1, 2, 3):
    print(f"r = {r}: inside {np.mean(maha2 <= r**2):.2%}   1 - exp(-r^2/2) = {1 - np.exp(-r**2 / 2):.2%}")

# %% [markdown]
# 数えた割合は、どの $r$ でも理論値と 0.2 ポイント以内で一致する。ここで注意したいのは、$r = 1$ の楕円には 39.3 % の点しか入らないことである。
# 1 次元では平均 $\pm 1$ 標準偏差の区間に 68.3 % が入るが、2 次元では「1 標準偏差の楕円」の外に半分以上の点がある。
# 教科書の章の `plot_gaussian_ellipse` は幅 `2 * np.sqrt(vals)`、すなわち $r = 1$ の楕円を描いていたので、
# 点群の大部分がその楕円からはみ出して見えるのは正常である。本シリーズの図で $r = 1, 2$ の 2 本を描くのはこのためである。

# %% [markdown] lang="en"
# The counted shares agree with the theoretical values to within 0.2 percentage points for every $r$. Note that the $r = 1$ ellipse holds only 39.3 % of the points.
# In one dimension 68.3 % of the mass lies within $\pm 1$ standard deviation of the mean, but in two dimensions more than half of the points lie outside the "one-standard-deviation ellipse".
# The textbook chapter's `plot_gaussian_ellipse` used the width `2 * np.sqrt(vals)`, that is, it drew the $r = 1$ ellipse,
# so it is perfectly normal that most of the cloud of points seems to spill out of it. This is why the figures in this series draw two ellipses, at $r = 1, 2$.

# %% [markdown] slide="slide"
# ## コレスキー分解による計算
#
# 式どおりに $\Sigma^{-1}$ と $|\Sigma|$ を計算してもよいが、`gmm_teach` は **コレスキー分解**
# $\Sigma = LL^\top$ ($L$ は対角成分が正の下三角行列) を使って計算する。
#
# - 二次形式: $\Sigma^{-1} = L^{-\top} L^{-1}$ なので $\Delta^2 = \|L^{-1}(\mathbf{x}-\boldsymbol{\mu})\|^2$ である。
#   $\mathbf{y} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$ は、逆行列を作らずに連立方程式 $L\mathbf{y} = \mathbf{x}-\boldsymbol{\mu}$ を解いて求める。
# - 行列式: $|\Sigma| = |L|\,|L^\top| = \prod_i L_{ii}^2$ なので $\log|\Sigma| = 2 \sum_i \log L_{ii}$ である。
#
# したがって対数密度は
#
# $$
# \log \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma) = -\frac{D}{2}\log 2\pi - \sum_{i} \log L_{ii} - \frac{1}{2}\|L^{-1}(\mathbf{x}-\boldsymbol{\mu})\|^2
# $$
#
# と書ける。これを数行で実装し、パッケージの `gt.log_pdf` と教科書のデータ全体で比べる。

# %% [markdown] lang="en"
# ## Computing with the Cholesky decomposition
#
# You could compute $\Sigma^{-1}$ and $|\Sigma|$ exactly as the formula says, but `gmm_teach` uses the **Cholesky decomposition**
# $\Sigma = LL^\top$ (where $L$ is lower triangular with a positive diagonal).
#
# - Quadratic form: $\Sigma^{-1} = L^{-\top} L^{-1}$, so $\Delta^2 = \|L^{-1}(\mathbf{x}-\boldsymbol{\mu})\|^2$.
#   $\mathbf{y} = L^{-1}(\mathbf{x}-\boldsymbol{\mu})$ is found by solving the linear system $L\mathbf{y} = \mathbf{x}-\boldsymbol{\mu}$, without forming an inverse.
# - Determinant: $|\Sigma| = |L|\,|L^\top| = \prod_i L_{ii}^2$, so $\log|\Sigma| = 2 \sum_i \log L_{ii}$.
#
# The log density can therefore be written as
#
# $$
# \log \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}, \Sigma) = -\frac{D}{2}\log 2\pi - \sum_{i} \log L_{ii} - \frac{1}{2}\|L^{-1}(\mathbf{x}-\boldsymbol{\mu})\|^2
# $$
#
# We implement this in a few lines and compare it with the package's `gt.log_pdf` on the whole textbook data set.

# %%
def log_pdf_cholesky(X, mu, sigma):
    D = X.shape[1]
    L = np.linalg.cholesky(sigma)  # lower triangular, L @ L.T == sigma
    y = np.linalg.solve(L, (X - mu).T)  # (D, n): solves L y = x - mu for every point
    maha2 = np.sum(y**2, axis=0)  # (n,) squared Mahalanobis distances
    log_det = 2 * np.sum(np.log(np.diag(L)))  # log |sigma|
    return -0.5 * (D * np.log(2 * np.pi) + log_det + maha2)


X = gt.textbook_data()
for k in range(truth.K):
    mine = log_pdf_cholesky(X, truth.mu[k], truth.sigma[k])
    print(f"component {k}: equal to gt.log_pdf: {np.allclose(mine, gt.log_pdf(X, truth.mu[k], truth.sigma[k]))}")

# %% [markdown] slide="subslide"
# 3 つの成分すべてで、1000 点の対数密度がパッケージと一致した。コレスキー分解を使う利点は 3 つある。
#
# 1. $\Sigma^{-1}$ を作らず、三角行列 $L$ の連立方程式を解くだけなので、計算量が少なく丸め誤差も小さい
#    (numpy の `solve` は $L$ が三角行列であることを利用しないが、`scipy.linalg.solve_triangular` を使えば前進代入だけで解ける)。
# 2. $\Sigma$ が正定値でなければ分解そのものが失敗するので、不正な共分散行列をすぐに検出できる。
# 3. 行列式を経由せずに $\log|\Sigma|$ が求まる。
#
# 3 番目の利点は、次元が高いときに効いてくる。たとえば $D = 200$、$\Sigma = 0.01\, I$ の行列式は $10^{-400}$ であり、
# 倍精度浮動小数点数で表せる最小の正の数 (約 $5 \times 10^{-324}$) より小さい。

# %% [markdown] lang="en"
# For all three components, the log densities of the 1000 points agree with the package. Using the Cholesky decomposition has three advantages.
#
# 1. No $\Sigma^{-1}$ is formed; we only solve a system with the triangular matrix $L$, which takes less computation and gives smaller rounding errors
#    (numpy's `solve` does not exploit the fact that $L$ is triangular, but `scipy.linalg.solve_triangular` solves the system by forward substitution alone).
# 2. If $\Sigma$ is not positive definite the decomposition itself fails, so an invalid covariance matrix is detected at once.
# 3. $\log|\Sigma|$ is obtained without going through the determinant.
#
# The third advantage matters in high dimensions. For example, with $D = 200$ and $\Sigma = 0.01\, I$ the determinant is $10^{-400}$,
# smaller than the smallest positive number a double-precision floating-point number can represent (about $5 \times 10^{-324}$).

# %%
sigma_200 = 0.01 * np.eye(200)
det = np.linalg.det(sigma_200)
log_det = 2 * np.sum(np.log(np.diag(np.linalg.cholesky(sigma_200))))  # 2 sum_i log L_ii
print("np.linalg.det:", det)
print(f"log det from Cholesky: {log_det:.4f}")

# %% [markdown]
# `np.linalg.det` は 0.0 を返してしまい、式どおりに計算すると 0 での割り算になる。コレスキー因子の対角成分の対数の和からは、
# 正しい値 $\log|\Sigma| = 200 \log 0.01 = -921.03$ が得られる (`np.linalg.slogdet` も同じ値を返す)。

# %% [markdown] lang="en"
# `np.linalg.det` returns 0.0, and computing by the formula would then divide by 0. The sum of the logarithms of the Cholesky factor's diagonal entries gives
# the correct value, $\log|\Sigma| = 200 \log 0.01 = -921.03$ (`np.linalg.slogdet` returns the same value).

# %% [markdown] slide="slide"
# ## なぜ対数で計算するのか
#
# 同じことが密度そのものにも起こる。倍精度浮動小数点数は約 $5 \times 10^{-324}$ より小さい正の数を表せず、0.0 に丸めてしまう (アンダーフロー)。
# たとえば $e^{-746}$ は 0.0 になる。平均から遠い点では $\exp(-\Delta^2/2)$ がこれより小さくなる。
# たとえば入力の誤りで $(4.0, 4.0)$ が $(40, 40)$ と記録された点を考え、成分 0 の密度を計算してみる。

# %% [markdown] lang="en"
# ## Why compute in logarithms?
#
# The same thing happens to the density itself. A double-precision floating-point number cannot represent positive numbers smaller than about $5 \times 10^{-324}$ and rounds them to 0.0 (underflow).
# For example, $e^{-746}$ becomes 0.0. Far from the mean, $\exp(-\Delta^2/2)$ becomes smaller than that.
# Take, for example, a point that was recorded as $(40, 40)$ instead of $(4.0, 4.0)$ because of an input error, and compute its density under component 0.

# %%
print("np.exp(-746.0):", np.exp(-746.0))
x_far = np.array([[40.0, 40.0]])
print("gt.pdf:", gt.pdf(x_far, mu0, sigma0))
print("chapter's gaussian_pdf:", gt.textbook.gaussian_pdf(x_far, mu0, sigma0))
print("gt.log_pdf:", np.round(gt.log_pdf(x_far, mu0, sigma0), 2))
with np.errstate(divide="ignore"):  # log(0) = -inf would otherwise print a RuntimeWarning
    print("np.log(gt.pdf):", np.log(gt.pdf(x_far, mu0, sigma0)))

# %% [markdown] slide="subslide"
# 密度はパッケージでも教科書の関数でもちょうど 0.0 になり、その対数は $-\infty$ である。
# 対数密度を直接計算すれば、$-1232.56$ という有限の値が得られる。真の密度は $e^{-1232.56} \approx 10^{-535}$ であり、
# 0 ではない。直線 $\mathbf{x} = (t, t)$ に沿って平均から離れていくときの 2 つの計算を比べよう。

# %% [markdown] lang="en"
# The density comes out as exactly 0.0, both in the package and in the textbook's function, and its logarithm is $-\infty$.
# Computing the log density directly gives the finite value $-1232.56$. The true density is $e^{-1232.56} \approx 10^{-535}$,
# which is not 0. Let us compare the two computations as we move away from the mean along the line $\mathbf{x} = (t, t)$.

# %%
t = np.linspace(0, 45, 451)
ray = np.column_stack([t, t])  # the points (t, t)
log_direct = gt.log_pdf(ray, mu0, sigma0)
with np.errstate(divide="ignore"):
    log_naive = np.log(gt.textbook.gaussian_pdf(ray, mu0, sigma0))  # -inf once the density underflows
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.plot(t, log_naive, color=gt.plot.PALETTE[5], linewidth=6, alpha=0.5, label="np.log(gaussian_pdf(x))")
ax.plot(t, log_direct, "k--", label="gt.log_pdf(x)")
ax.axhline(np.log(np.finfo(float).smallest_subnormal), color="0.4", linestyle=":", label="log of the smallest float64")
ax.set(title="Log density along $\\mathbf{x} = (t, t)$", xlabel="$t$", ylabel="log density")
ax.legend(loc="lower left")
plt.show()
print(f"np.log(gaussian_pdf) is -inf from t = {t[np.isinf(log_naive)][0]:.1f} on")

# %% [markdown] slide="subslide"
# 2 つの曲線は $t \approx 31$ まで重なっている。そこで密度が表せる最小の数 (点線、$\log(5 \times 10^{-324}) \approx -744.4$) を下回り、
# 密度を先に計算する方法 (太い線) は途切れて $-\infty$ になる。対数密度を直接計算する方法 (破線) は放物線 $-\Delta^2/2 + \text{定数}$ のまま続く。
#
# 1 点だけなら 0.0 でも困らないように見えるが、E ステップでは各点の $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ をすべての成分について
# 足して割る。遠い点ではすべての成分の密度が 0.0 になり、負担率が $0/0 = \mathrm{NaN}$ になってしまう。
# これを避けるため、以後の章では密度を常に対数のまま扱う (03 章の log-sum-exp)。

# %% [markdown] lang="en"
# The two curves coincide up to $t \approx 31$. There the density falls below the smallest representable number (dotted line, $\log(5 \times 10^{-324}) \approx -744.4$),
# and the method that computes the density first (thick line) breaks off into $-\infty$. The method that computes the log density directly (dashed line) carries on along the parabola $-\Delta^2/2 + \text{const}$.
#
# For a single point, 0.0 may look harmless, but the E-step adds up $\phi_k \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}_k, \Sigma_k)$ over all components for each point
# and divides by the sum. At a far-away point the densities of all components become 0.0, and the responsibilities become $0/0 = \mathrm{NaN}$.
# To avoid this, the following chapters always keep densities in logarithms (log-sum-exp, chapter 03).

# %% [markdown] slide="slide"
# ## 混合分布の密度
#
# 混合分布の密度 $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ は、成分の密度を混合係数で重みづけて足したものである。
# まず 1 次元で見る。ガウス分布の 1 つの座標だけを取り出したもの (周辺分布) は、平均 $\mu_{k,1}$、分散 $\Sigma_{k,11}$ の 1 次元ガウス分布になる。
# したがって教科書のモデルの $x_1$ 座標の分布は、次の 1 次元の混合分布である。これを教科書のデータの $x_1$ のヒストグラムと重ねる。

# %% [markdown] lang="en"
# ## The density of a mixture
#
# The mixture density $p(\mathbf{x}) = \sum_k \phi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \Sigma_k)$ is the sum of the component densities, weighted by the mixing coefficients.
# Let us look at one dimension first. A single coordinate of a Gaussian (its marginal distribution) is a one-dimensional Gaussian with mean $\mu_{k,1}$ and variance $\Sigma_{k,11}$.
# So the distribution of the $x_1$ coordinate under the textbook's model is the following one-dimensional mixture. We overlay it on the histogram of $x_1$ in the textbook's data.

# %%
marginal = gt.GMMParams(truth.phi, truth.mu[:, :1], truth.sigma[:, :1, :1])  # the x1 coordinate only
fig, ax = plt.subplots(figsize=(9, 4))
ax.hist(X[:, 0], bins=40, density=True, color="0.85", label="textbook data, $x_1$")
gt.plot.draw_density_1d(ax, marginal)
ax.set_xlabel("$x_1$")
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))  # beside the plot, not over the peaks
plt.show()

# %% [markdown] slide="subslide"
# 破線が重みつきの成分 $\phi_k \mathcal{N}(x_1 \mid \mu_{k,1}, \Sigma_{k,11})$、黒の実線がその和 $p(x_1)$ である。
# 凡例の添字は式の番号 $k = 1, 2, 3$ であり、コードの成分 0、1、2 に当たる。
# 各破線の下の面積は $\phi_k$ であり、実線の下の面積は 1 である。成分 1 (混合係数 0.4) の山がいちばん高い。
# 成分 2 (平均 $-3$) は分散が 1.5 と大きいので、山は低く幅が広い。成分 0 と 1 の山の間では 2 つの破線が重なり、
# 実線はその和なので、谷は 0 まで下がらない。ヒストグラムは実線によく沿っている。
#
# 2 次元では、混合分布の密度を等高線で描く。

# %% [markdown] lang="en"
# The dashed lines are the weighted components $\phi_k \mathcal{N}(x_1 \mid \mu_{k,1}, \Sigma_{k,11})$, and the solid black line is their sum $p(x_1)$.
# The subscripts in the legend are the formulas' numbers $k = 1, 2, 3$, which correspond to the code's components 0, 1 and 2.
# The area under each dashed line is $\phi_k$, and the area under the solid line is 1. The peak of component 1 (mixing coefficient 0.4) is the highest.
# Component 2 (mean $-3$) has a large variance, 1.5, so its peak is low and wide. Between the peaks of components 0 and 1 the two dashed lines overlap,
# and since the solid line is their sum, the valley does not drop to 0. The histogram follows the solid line closely.
#
# In two dimensions we draw the mixture density as contours.

# %%
fig, ax = plt.subplots(figsize=(6, 5.2))
gt.plot.draw_points(ax, X)
gt.plot.draw_density_contours(ax, truth, xlim=(-7, 7), ylim=(-4, 8), levels=10)
gt.plot.draw_means(ax, truth)
plt.show()
peak = truth.phi / (2 * np.pi * np.sqrt(np.linalg.det(truth.sigma)))  # phi_k N(mu_k | mu_k, Sigma_k)
print("phi_k N(mu_k | mu_k, Sigma_k):", np.round(peak, 4))
print("mixture density p(mu_k):     ", np.round(np.exp(gt.plot.mixture_log_density(truth, truth.mu)), 4))

# %% [markdown] slide="subslide"
# 各平均の近くでは、等高線は 01 章で描いた楕円とほぼ同じ形である。成分どうしの間では 2 つの成分の裾が足し合わされるので、
# 等高線は楕円ではなくなり、成分 0 と成分 1 の間のように橋を架けたような形になる。
# 各山の高さはほぼ $\phi_k \mathcal{N}(\boldsymbol{\mu}_k \mid \boldsymbol{\mu}_k, \Sigma_k) = \phi_k / (2\pi |\Sigma_k|^{1/2})$ であり、
# 混合分布の値 $p(\boldsymbol{\mu}_k)$ にはこれに他の成分の裾が加わるが、平均どうしが十分離れているので、
# その寄与は小数第 4 位にも現れない。
# 山の高さは混合係数 $\phi_k$ に比例するだけでなく、広がり $|\Sigma_k|^{1/2}$ に反比例することに注意しよう。
# 成分 2 は成分 0 と同じ混合係数 0.3 をもつが、広がりが大きいぶん山が低い。

# %% [markdown] lang="en"
# Near each mean the contours have almost the same shape as the ellipses drawn in chapter 01. Between components the tails of two components add up,
# so the contours are no longer ellipses; between components 0 and 1, for example, they form something like a bridge.
# The height of each peak is almost exactly $\phi_k \mathcal{N}(\boldsymbol{\mu}_k \mid \boldsymbol{\mu}_k, \Sigma_k) = \phi_k / (2\pi |\Sigma_k|^{1/2})$.
# The mixture density $p(\boldsymbol{\mu}_k)$ adds the tails of the other components to this, but the means are far enough apart
# that their contribution does not show even in the fourth decimal place.
# Note that the height of a peak is not only proportional to the mixing coefficient $\phi_k$ but also inversely proportional to the spread $|\Sigma_k|^{1/2}$.
# Component 2 has the same mixing coefficient, 0.3, as component 0, but it is more spread out, so its peak is lower.

# %% [markdown] slide="slide"
# ## ウィジェット: 1 つのガウス分布を動かす
#
# 下のウィジェットは、平均 $\mathbf{0}$ の 2 次元ガウス分布の密度 (濃淡)、$r = 1, 2, 3$ の楕円とその内側の確率、
# 固有ベクトルの矢印 (長さ $\sqrt{\lambda_i}$) を描く。朱色の点 $\mathbf{x}$ を動かすと、そのマハラノビス距離、ユークリッド距離、密度と、
# $\mathbf{x}$ を通る楕円 (朱色の破線) の内側の確率が表示される。次のことを試してみよう。
#
# - 点を $(2, 1)$ と $(-1, 2)$ に置いて比べる。原点からのユークリッド距離はどちらも $\sqrt{5}$ であるが、前者はほぼ長軸の方向、
#   後者はほぼ短軸の方向にあるので、マハラノビス距離と密度は大きく違う。
# - 2 つの分散を等しくし、相関係数を 0 にする。楕円は円になり、マハラノビス距離はユークリッド距離を標準偏差で割ったものになる。
# - 相関係数を $\pm 1$ に近づける。楕円が細くつぶれ、小さい方の固有値が 0 に近づく。

# %% [markdown] lang="en"
# ## Widget: one Gaussian to play with
#
# The widget below draws the density of a two-dimensional Gaussian with mean $\mathbf{0}$ (as shading), the ellipses at $r = 1, 2, 3$ with the probability inside each,
# and the eigenvector arrows (of length $\sqrt{\lambda_i}$). When you move the vermilion point $\mathbf{x}$ (sliders "point x₁" and "point x₂"), the widget shows its Mahalanobis distance, Euclidean distance and density,
# and the probability inside the ellipse through $\mathbf{x}$ (the dashed vermilion one). Try the following.
#
# - Put the point at $(2, 1)$ and then at $(-1, 2)$, and compare. Both are at Euclidean distance $\sqrt{5}$ from the origin, but the first lies almost along the long axis
#   and the second almost along the short axis, so their Mahalanobis distances and densities are very different.
# - Make the two variances ("variance σ₁²" and "variance σ₂²") equal and set the correlation coefficient ("correlation ρ") to 0. The ellipses become circles, and the Mahalanobis distance becomes the Euclidean distance divided by the standard deviation.
# - Move the correlation coefficient towards $\pm 1$. The ellipses are squashed thin, and the smaller eigenvalue approaches 0.

# %% slide="subslide"
# NBVAL_IGNORE_OUTPUT
gt.widgets.gaussian_explorer()

# %% [markdown] slide="slide"
# ## まとめ
#
# - 多変量正規分布の密度は、形を決める二次形式 $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$ と、
#   積分を 1 にする正規化定数 $(2\pi)^{D/2}|\Sigma|^{1/2}$ からなる。
# - $\Delta$ はマハラノビス距離であり、分布の広がりに合わせて方向ごとに尺度を変えた距離である。密度は $\Delta$ だけで決まる。
# - $\Sigma = V\Lambda V^\top$ と分解すると、$\Delta = r$ の等高線は固有ベクトルの方向を向き、半軸の長さが $r\sqrt{\lambda_i}$ の楕円である。
#   2 次元では、その内側の確率は $1 - e^{-r^2/2}$ ($r = 1, 2, 3$ で 39.3 %、86.5 %、98.9 %) である。
# - `gmm_teach` はコレスキー分解 $\Sigma = LL^\top$ を使い、$L\mathbf{y} = \mathbf{x}-\boldsymbol{\mu}$ を解いて二次形式を、$2\sum_i \log L_{ii}$ で $\log|\Sigma|$ を求める。
# - 平均から遠い点では密度が 0.0 にアンダーフローするので、密度は対数のまま計算する。

# %% [markdown] lang="en"
# ## Summary
#
# - The multivariate normal density consists of the quadratic form $\Delta^2 = (\mathbf{x}-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}-\boldsymbol{\mu})$, which determines its shape, and
#   the normalising constant $(2\pi)^{D/2}|\Sigma|^{1/2}$, which makes it integrate to 1.
# - $\Delta$ is the Mahalanobis distance: a distance whose scale changes with direction to match the spread of the distribution. The density depends on $\Delta$ alone.
# - With $\Sigma = V\Lambda V^\top$, the contour $\Delta = r$ is an ellipse whose axes point along the eigenvectors and whose semi-axes are $r\sqrt{\lambda_i}$ long.
#   In two dimensions the probability inside it is $1 - e^{-r^2/2}$ (39.3 %, 86.5 % and 98.9 % for $r = 1, 2, 3$).
# - `gmm_teach` uses the Cholesky decomposition $\Sigma = LL^\top$: it solves $L\mathbf{y} = \mathbf{x}-\boldsymbol{\mu}$ to get the quadratic form, and computes $\log|\Sigma|$ as $2\sum_i \log L_{ii}$.
# - Far from the mean the density underflows to 0.0, so densities are computed in logarithms.

# %% [markdown] slide="slide"
# ## 演習
#
# 各演習では、コードセルの関数を完成させてから、次のセルを実行して答えを確かめる。採点関数 (`gt.checks.check_...`) は、
# いくつかの決まったケースであなたの関数を呼び、パッケージの結果と比べる。間違っていれば、よくある誤りに照らしたヒントを表示する。

# %% [markdown] lang="en"
# ## Exercises
#
# In each exercise, complete the function in the code cell, then run the next cell to check your answer. The checking function (`gt.checks.check_...`)
# calls your function on a few fixed cases and compares the results with the package's. If something is wrong, it gives a hint based on common mistakes.

# %% [markdown] tags=["solution-note"] slide="skip"
# 解答例は折りたたまれたセルにある。自分で解いてから開くこと。

# %% [markdown] lang="en" tags=["solution-note"]
# Worked solutions are in the collapsed cells. Solve each exercise yourself before you open them.

# %% [markdown]
# ### 演習 1: 二乗マハラノビス距離
#
# `X` ($(n, D)$ 配列)、`mu` ($(D,)$)、`sigma` ($(D, D)$) を受け取り、各点の二乗マハラノビス距離
# $(\mathbf{x}_n-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}_n-\boldsymbol{\mu})$ を並べた $(n,)$ 配列を返す関数 `mahalanobis` を完成させよ。
# 平方根はとらない。

# %% [markdown] lang="en"
# ### Exercise 1: the squared Mahalanobis distance
#
# Complete the function `mahalanobis`, which takes `X` (an $(n, D)$ array), `mu` ($(D,)$) and `sigma` ($(D, D)$) and returns the $(n,)$ array of the points' squared Mahalanobis distances
# $(\mathbf{x}_n-\boldsymbol{\mu})^\top \Sigma^{-1} (\mathbf{x}_n-\boldsymbol{\mu})$.
# Do not take the square root.

# %% slide="skip"
def mahalanobis(X, mu, sigma):
    """Squared Mahalanobis distances (x_n - mu)^T sigma^{-1} (x_n - mu). X (n, D), mu (D,), sigma (D, D) -> (n,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_mahalanobis(mahalanobis)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/02_gaussian_pdf.py#mahalanobis

# %% [markdown]
# ### 演習 2: 密度
#
# 同じ引数で、各点の密度 $\mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}, \Sigma)$ の $(n,)$ 配列を返す関数 `pdf` を完成させよ。
# 演習 1 の `mahalanobis` を使ってよい。確認のケースには $D = 1, 2, 3$ が含まれるので、次元 $D$ は `X.shape[1]` から読むこと。

# %% [markdown] lang="en"
# ### Exercise 2: the density
#
# Complete the function `pdf`, which takes the same arguments and returns the $(n,)$ array of the points' densities $\mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}, \Sigma)$.
# You may use `mahalanobis` from Exercise 1. The test cases include $D = 1, 2, 3$, so read the dimension $D$ from `X.shape[1]`.

# %% slide="skip"
def pdf(X, mu, sigma):
    """Density N(x_n | mu, sigma) of each row of X. X (n, D), mu (D,), sigma (D, D) -> (n,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_pdf(pdf)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/02_gaussian_pdf.py#pdf

# %% [markdown]
# ### 演習 3: 対数密度
#
# 各点の対数密度 $\log \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}, \Sigma)$ の $(n,)$ 配列を返す関数 `log_pdf` を完成させよ。
# 確認のケースには平均から遠く離れた点 $(1000, 1000)$ が含まれる。`np.log(pdf(X, mu, sigma))` では、そこで密度が 0.0 に
# アンダーフローして $-\infty$ になり、「ほぼ正解」と判定される。対数密度の式を直接計算すること
# ($\log|\Sigma|$ には `np.linalg.slogdet` が使える。コレスキー分解を使ってもよい)。

# %% [markdown] lang="en"
# ### Exercise 3: the log density
#
# Complete the function `log_pdf`, which returns the $(n,)$ array of the points' log densities $\log \mathcal{N}(\mathbf{x}_n \mid \boldsymbol{\mu}, \Sigma)$.
# The test cases include the point $(1000, 1000)$, far from the mean. With `np.log(pdf(X, mu, sigma))` the density underflows to 0.0 there
# and the result is $-\infty$, so the checker answers "Almost.". Compute the formula of the log density directly
# (`np.linalg.slogdet` gives $\log|\Sigma|$; you may also use the Cholesky decomposition).

# %% slide="skip"
def log_pdf(X, mu, sigma):
    """Log density log N(x_n | mu, sigma) of each row of X, finite even far from mu. X (n, D) -> (n,)."""
    # TODO
    return None


# %% slide="skip"
gt.checks.check_log_pdf(log_pdf)

# %% tags=["solution"] slide="skip"
# solution: instructor/solutions/02_gaussian_pdf.py#log_pdf

# %% [markdown] slide="subslide"
# 次は [03 E ステップ](03_e_step.ipynb) である。

# %% [markdown] lang="en"
# Next: [03 The E-step](03_e_step.ipynb).
