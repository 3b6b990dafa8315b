using static TorchSharp.torch;

namespace Platform.Ml.Engine;

/// <summary>Evaluation reports from predictions and targets.</summary>
internal static class Metrics
{
    public static double Accuracy(Tensor probabilities, Tensor targets)
    {
        if (targets.shape[0] == 0)
        {
            return 0;
        }

        using var predicted = probabilities.argmax(1);
        using var correct = predicted.eq(targets);
        return correct.to(ScalarType.Float32).mean().item<float>();
    }

    public static EvaluationReport Classification(Tensor probabilities, Tensor targets, string[] ids, IReadOnlyList<string> classes, string split, string task)
    {
        var k = classes.Count;
        var probs = probabilities.data<float>().ToArray();
        var truth = targets.data<long>().ToArray();
        var n = truth.Length;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        var worst = new List<WorstItem>();
        for (var i = 0; i < n; i++)
        {
            var row = probs.AsSpan(i * k, k);
            var predicted = 0;
            for (var j = 1; j < k; j++)
            {
                if (row[j] > row[predicted])
                {
                    predicted = j;
                }
            }

            confusion[truth[i]][predicted]++;
            if (predicted != truth[i])
            {
                worst.Add(new WorstItem(ids[i], classes[(int)truth[i]], classes[predicted], row[(int)truth[i]]));
            }
        }

        var perClass = new List<ClassMetrics>();
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var support = confusion[c].Sum();
            var predictedCount = confusion.Sum(r => r[c]);
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.Add(new ClassMetrics(classes[c], precision, recall, f1, support));
        }

        return new EvaluationReport
        {
            Task = task,
            Split = split,
            Count = n,
            Accuracy = n == 0 ? 0 : (double)Enumerable.Range(0, k).Sum(c => confusion[c][c]) / n,
            Classes = perClass,
            ConfusionMatrix = confusion,
            WorstItems = [.. worst.OrderBy(w => w.LabelProbability).Take(20)],
        };
    }

    public static EvaluationReport Regression(Tensor values, double[] truth, string[] ids, string split)
    {
        var predicted = values.data<float>().ToArray();
        var n = truth.Length;
        double abs = 0, squares = 0, total = 0;
        var mean = n == 0 ? 0 : truth.Average();
        for (var i = 0; i < n; i++)
        {
            var error = predicted[i] - truth[i];
            abs += Math.Abs(error);
            squares += error * error;
            total += (truth[i] - mean) * (truth[i] - mean);
        }

        return new EvaluationReport
        {
            Task = "tabular-regression",
            Split = split,
            Count = n,
            MeanAbsoluteError = n == 0 ? 0 : abs / n,
            RootMeanSquaredError = n == 0 ? 0 : Math.Sqrt(squares / n),
            RSquared = total == 0 ? 0 : 1 - (squares / total),
            Points = SamplePoints(predicted, truth, ids),
            LargestErrors = [.. Enumerable.Range(0, n).OrderByDescending(i => Math.Abs(predicted[i] - truth[i])).ThenBy(i => ids[i], StringComparer.Ordinal)
                .Take(EvaluationReport.MaxLargestErrors).Select(i => Point(predicted, truth, ids, i))],
        };
    }

    /// <summary>Every point, or <see cref="EvaluationReport.MaxPoints"/> at evenly spaced ranks of the actual value.</summary>
    private static RegressionPoint[] SamplePoints(float[] predicted, double[] truth, string[] ids)
    {
        var n = truth.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => truth[i]).ThenBy(i => ids[i], StringComparer.Ordinal).ToArray();
        var cap = EvaluationReport.MaxPoints;
        if (n <= cap) return [.. order.Select(i => Point(predicted, truth, ids, i))];
        return [.. Enumerable.Range(0, cap).Select(k => Point(predicted, truth, ids, order[(int)Math.Round((double)k * (n - 1) / (cap - 1))]))];
    }

    private static RegressionPoint Point(float[] predicted, double[] truth, string[] ids, int i) => new(ids[i], (float)truth[i], predicted[i]);
}
