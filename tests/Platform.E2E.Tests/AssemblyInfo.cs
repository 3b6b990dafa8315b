// Each browser test starts its own server and Chromium; on a 2-core machine running them side by side starves them
// into timeouts, so they run one after another.
[assembly: Xunit.CollectionBehavior(Xunit.CollectionBehavior.CollectionPerAssembly)]
