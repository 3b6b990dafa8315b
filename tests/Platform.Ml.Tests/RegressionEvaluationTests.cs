using System.Globalization;
using Platform.Ml.Engine;
using TorchSharp;

namespace Platform.Ml.Tests;

public class RegressionEvaluationTests
{
    [Fact]
    public async Task ARegressionRunReportsEveryTestRowAsAPointAndItsLargestErrors()
    {
        var table = TestData.Table(200, regression: true);
        var result = await ModelTrainer.TrainAsync(new TrainingRequest
        {
            Template = MlTemplates.TabularRegression,
            Table = table,
            TimeBudget = TimeSpan.FromSeconds(30),
            Settings = new TrainingSettings { Epochs = 2 },
        }, TestContext.Current.CancellationToken);

        var report = result.Evaluation;
        var test = table.Rows.Where(r => r.Split == MlSplit.Test).ToDictionary(r => r.Id, r => double.Parse(r.Values[3]!, CultureInfo.InvariantCulture));
        report.Split.ShouldBe("test");
        report.Count.ShouldBe(test.Count);
        report.Points.Select(p => p.Id).ShouldBe(test.Keys, ignoreOrder: true);
        foreach (var point in report.Points) ((double)point.Actual).ShouldBe(test[point.Id], 1e-3);
        report.Points.Select(p => p.Actual).ShouldBeInOrder();
        report.Points.Average(p => (double)Math.Abs(p.Predicted - p.Actual)).ShouldBe(report.MeanAbsoluteError!.Value, 1e-3);

        report.LargestErrors.Count.ShouldBe(EvaluationReport.MaxLargestErrors);
        var errors = report.LargestErrors.Select(p => Math.Abs(p.Predicted - p.Actual)).ToList();
        errors.ShouldBeInOrder(SortDirection.Descending);
        errors[0].ShouldBe(report.Points.Max(p => Math.Abs(p.Predicted - p.Actual)));
        report.Classes.ShouldBeEmpty();
        report.WorstItems.ShouldBeEmpty();
    }

    [Fact]
    public void ManyRowsAreSampledEvenlyOverTheActualValuesKeepingBothEnds()
    {
        const int n = 5001;
        // Rows in a shuffled order, actual value = rank; row 4321 is predicted far off.
        var ranks = Enumerable.Range(0, n).OrderBy(i => (i * 7919) % n).ToArray();
        var truth = ranks.Select(r => (double)r).ToArray();
        var predicted = ranks.Select(r => r == 4321 ? r + 900f : r + ((r % 3) - 1)).ToArray();
        var ids = ranks.Select(r => $"row{r}").ToArray();
        using var values = torch.tensor(predicted);

        var report = Metrics.Regression(values, truth, ids, "test");

        report.Count.ShouldBe(n);
        report.Points.Count.ShouldBe(EvaluationReport.MaxPoints);
        report.Points[0].Id.ShouldBe("row0");
        report.Points[^1].Id.ShouldBe($"row{n - 1}");
        report.Points.Select(p => p.Id).Distinct().Count().ShouldBe(EvaluationReport.MaxPoints);
        var gaps = report.Points.Zip(report.Points.Skip(1), (a, b) => b.Actual - a.Actual).ToList();
        gaps.Min().ShouldBeGreaterThanOrEqualTo(2);
        gaps.Max().ShouldBeLessThanOrEqualTo(3);
        report.LargestErrors[0].ShouldBe(new RegressionPoint("row4321", 4321, 5221));
        report.LargestErrors.Count.ShouldBe(EvaluationReport.MaxLargestErrors);
        Metrics.Regression(values, truth, ids, "test").Points.ShouldBe(report.Points);
    }
}
