using Platform.Api.Annotation;
using Platform.Contracts;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Annotation;

/// <summary>The agreement figures against cases computed by hand (and the textbook examples).</summary>
public sealed class AgreementMathTests
{
    [Fact]
    public void FleissKappaMatchesTheTextbookExample()
    {
        // Fleiss (1971) as Wikipedia works it: 10 subjects, 14 raters, 5 categories; κ = 0.210, P̄ = 0.378.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];
        var items = counts.Select(row => (IReadOnlyList<int>)[.. row.SelectMany((n, category) => Enumerable.Repeat(category, n))]).ToList();
        var (kappa, observed) = AgreementMath.Fleiss(items);
        kappa!.Value.ShouldBe(0.210, 0.001);
        observed!.Value.ShouldBe(0.378, 0.001);
    }

    [Fact]
    public void FleissPerCategoryKappaIsOneWhenRatersNeverSplitOnIt()
    {
        // Category 1 is always chosen by both or neither; categories 2 and 3 are confused once.
        IReadOnlyList<IReadOnlyList<int>> items = [[1, 1], [2, 2], [2, 3], [3, 3], [1, 1]];
        AgreementMath.FleissCategory(items, 1).ShouldBe(1);
        // Category 2: p = 3/10, one split item: 1 − (1·1) ÷ (5·2·0.3·0.7) = 1 − 1/2.1.
        AgreementMath.FleissCategory(items, 2)!.Value.ShouldBe(1 - 1 / 2.1, 1e-9);
        AgreementMath.FleissCategory(items, 9).ShouldBeNull();
        AgreementMath.Fleiss([[4, 4], [4, 4]]).Kappa.ShouldBeNull(); // one category only: chance explains everything
    }

    [Fact]
    public void CohensKappaMatchesTheTextbookExample()
    {
        // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
        var pairs = Enumerable.Repeat((1, 1), 20).Concat(Enumerable.Repeat((1, 0), 5)).Concat(Enumerable.Repeat((0, 1), 10))
            .Concat(Enumerable.Repeat((0, 0), 15)).ToList();
        AgreementMath.Cohen(pairs)!.Value.ShouldBe(0.4, 1e-9);
        AgreementMath.Cohen([]).ShouldBeNull();
    }

    [Fact]
    public void BoxesMatchOneToOneByIoUWithTheSameLabel()
    {
        var a = new List<AnnotationBoxDto> { new(1, 0, 0, 10, 10), new(1, 20, 20, 10, 10), new(2, 50, 50, 10, 10) };
        // The first overlaps 81/119 (IoU 0.68, matched); the second only 25/175 (0.14); the third has another label.
        var b = new List<AnnotationBoxDto> { new(1, 1, 1, 10, 10), new(1, 25, 25, 10, 10), new(3, 50, 50, 10, 10), new(1, 0, 0, 10, 10) };
        AgreementMath.IoU(a[0], b[0]).ShouldBe(81.0 / 119, 1e-9);
        // One match out of 3 + 4 boxes: the duplicate at (0, 0) cannot match the same box twice.
        AgreementMath.BoxF1(a, b).ShouldBe(2.0 / 7, 1e-9);
        AgreementMath.BoxF1([], []).ShouldBe(1);
        AgreementMath.BoxF1(a, []).ShouldBe(0);
    }
}
