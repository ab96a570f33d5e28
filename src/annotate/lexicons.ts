import { wordHash } from './textStats.js';

/** Word lists the domain classifier and textbook score count, as hash sets matching textStats tokens. */
function set(words: string): Set<number> {
  return new Set(words.split(/\s+/).filter(Boolean).map(wordHash));
}

/**
 * Vocabulary of mathematics, statistics and the natural sciences. Words that are just as common
 * in programming docs or general prose ("function", "value", "sequence", "model", "data") are left
 * out on purpose: they cannot tell SciPy's docs from Python's.
 */
export const SCIENCE_WORDS = set(`
theorem lemma corollary proof axiom conjecture hypothesis hypotheses equation equations integral integrals integrate integration derivative
derivatives differential differentiable gradient gradients jacobian hessian laplacian eigenvalue eigenvalues eigenvector eigenvectors matrix matrices
determinant orthogonal orthonormal polynomial polynomials quadratic cubic linear nonlinear logarithm logarithmic exponential exponentially sine cosine
trigonometric fourier laplace convolution deconvolution interpolation extrapolation approximation asymptotic asymptotically converge convergence
convergent divergence numerical numerically quadrature discretization discretized infinitesimal scalar vector vectors tensor tensors manifold topology
topological algebraic algebra calculus geometry geometric euclidean hyperbolic spherical radius radii diameter circumference coefficient coefficients
parameterization parametric nonparametric semiparametric probability probabilities probabilistic stochastic distribution distributions distributed
gaussian binomial poisson multinomial bernoulli gamma beta chi chi2 uniform cauchy weibull lognormal likelihood loglikelihood posterior prior priors
bayesian bayes frequentist inference inferential estimator estimators estimate estimates estimated estimation variance variances covariance
covariances correlation correlations correlated autocorrelation heteroskedasticity heteroscedasticity homoscedasticity regression regressions
regressor regressors regressand residual residuals ols gls wls glm glms anova ancova manova statistic statistics statistical statistically
significance quantile quantiles percentile percentiles median deviation deviations skewness kurtosis moments moment multivariate univariate bivariate
covariate covariates endogenous exogenous instrumental arima sarimax autoregressive stationarity stationary nonstationary cointegration forecasting
forecast forecasts econometric econometrics panel longitudinal survival hazard logit probit smoothing bandwidth bootstrap resampling monte carlo
markov mcmc simulation simulations sampler entropy optimization optimize optimizer minimization minimize minimizer maximization maximize minima maxima
optimum optimal constrained unconstrained lagrange lagrangian newton gauss jacobi seidel conjugate krylov simplex sparse ode odes pde pdes solver
solvers spline splines wavelet wavelets spectrum spectra spectral frequency frequencies amplitude amplitudes wavelength wavelengths lowpass highpass
bandpass butterworth chebyshev nyquist sampling decibel periodogram spectrogram physics physical physicist mechanics quantum relativity relativistic
thermodynamics thermodynamic momentum velocity velocities acceleration gravity gravitational electromagnetic electric electron electrons proton
protons neutron photon photons particle particles atom atoms atomic nuclear molecule molecules molecular chemistry chemical chemicals reaction
reactions compound compounds ion ions isotope isotopes temperature pressure density densities viscosity kelvin celsius joule joules watt watts volt
volts ohm tesla hertz astronomy astronomical astrophysics astrophysical astronomer astronomers telescope telescopes galaxy galaxies galactic stellar
planet planets planetary solar lunar orbit orbits orbital cosmology cosmological redshift redshifts parallax luminosity magnitude magnitudes
photometry photometric spectroscopy spectroscopic flux fluxes celestial equatorial ecliptic epoch ephemeris declination ascension fk5 icrs arcsec
arcsecond arcseconds arcmin radians parsec parsecs kpc mpc lightyear coordinates coordinate wcs heliocentric barycentric biology biological biologist
gene genes genome genomes genomic genomics genetic genetics dna rna mrna protein proteins amino peptide nucleotide nucleotides codon codons chromosome
chromosomes allele alleles mutation mutations phylogenetic phylogeny phylogenetics taxonomy species organism organisms cell cells cellular enzyme
enzymes metabolic bacteria bacterial virus viral evolution evolutionary ecology ecological sequencing blast genbank fasta fastq pdb homology motif
motifs transcription experiment experiments experimental empirical empirically measurement measurements measured observation observations
observational laboratory specimen specimens sample samples sampled population populations dataset datasets microscopy microscope pixel pixels voxel
voxels segmentation morphological morphology denoising histogram histograms thresholding contour contours intensity intensities grayscale rgb hsv
luminance
symbolic imaginary plot plots plotting axes numerically arrays array vectorized
`);


/** Commercial and SEO vocabulary; a textbook rarely sells anything. */
export const COMMERCIAL_WORDS = set(`
buy shop shopping cart checkout price prices pricing sale sales discount discounts coupon coupons deal deals offer offers order orders
shipping delivery free subscribe subscription newsletter login signup sign register account password cookie cookies advertisement
advertising sponsored promo promotion bestseller bestsellers brand brands customer customers review reviews rating ratings
stock instock outofstock wishlist purchase purchases purchasing payment payments paypal visa mastercard click here download
follow share tweet facebook twitter instagram pinterest linkedin youtube whatsapp tiktok copyright reserved imprint impressum
privacy terms contact menu home skip navigation search loading casino betting bonus viagra cheap luxury hotel hotels booking
`);
