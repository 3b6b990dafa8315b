using Platform.Ml.Data;
using Platform.Ml.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Ml.Templates;

/// <summary>Tabular classification or regression with an MLP; numeric columns standardized, categorical embedded.</summary>
internal sealed class TabularTemplate(string name, bool regression) : ITemplate
{
    public string Name => name;

    public int Version => 1;

    public string InputKind => "table";

    public PreparedTask Prepare(TrainingRequest request, Action<string> log, CancellationToken ct)
    {
        var table = request.Table!;
        var errors = new Dictionary<string, List<string>>();
        var target = IndexOf(table, table.Target);
        if (table.Rows.Count == 0)
        {
            throw new MlValidationException("table", "The table has no rows.");
        }

        if (target < 0)
        {
            throw new MlValidationException("table.target", $"The target column '{table.Target}' is not one of the columns.");
        }

        foreach (var row in table.Rows.Where(r => r.Values.Count != table.Columns.Count).Take(3))
        {
            errors.Add("table.rows", $"Row '{row.Id}' has {row.Values.Count} values for {table.Columns.Count} columns.");
        }

        MlValidationException.ThrowIfAny(errors);
        var rows = table.Rows;
        var plan = SplitPlan.Assign(rows.Count, i => rows[i].Id, i => regression ? null : rows[i].Values[target], i => rows[i].Split);
        string[] classes = [];
        double[] targets;
        if (regression)
        {
            targets = new double[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var value = rows[i].Values[target];
                if (value is null || !TableEncoder.TryNumber(value, out targets[i]) || !double.IsFinite(targets[i]))
                {
                    errors.Add($"table.columns.{table.Target}", $"The target of row '{rows[i].Id}' is '{value}', not a finite number.");
                    if (errors.Values.Sum(v => v.Count) >= 5)
                    {
                        break;
                    }
                }
            }

            if (plan.Train.Length < 2)
            {
                errors.Add("table", "At least two training rows are needed.");
            }
        }
        else
        {
            classes = LabelCheck.Classes(rows.Select(r => r.Values[target]?.Trim()).ToList(), plan.Train, $"table.columns.{table.Target}");
            var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (double)p.i, StringComparer.Ordinal);
            targets = [.. rows.Select(r => index[r.Values[target]!.Trim()])];
        }

        var features = Enumerable.Range(0, table.Columns.Count).Where(c => c != target).ToArray();
        if (features.Length == 0)
        {
            errors.Add("table.columns", "The table has no input columns besides the target.");
        }

        var specs = TableEncoder.Fit(table, features, plan.Train, errors);
        MlValidationException.ThrowIfAny(errors);
        var trainTargets = plan.Train.Select(i => targets[i]).ToArray();
        var targetMean = regression ? trainTargets.Average() : 0;
        var targetStd = regression ? Math.Max(1e-9, Math.Sqrt(trainTargets.Sum(v => (v - targetMean) * (v - targetMean)) / trainTargets.Length)) : 1;

        DataSplit Split(int[] indexes)
        {
            var x = TableEncoder.Encode(specs, [.. features.Select(c => (Func<int, string?>)(r => rows[indexes[r]].Values[c]))], indexes.Length);
            var y = regression
                ? torch.tensor(indexes.Select(i => (float)((targets[i] - targetMean) / targetStd)).ToArray())
                : torch.tensor(indexes.Select(i => (long)targets[i]).ToArray());
            return new DataSplit(x, y, [.. indexes.Select(i => rows[i].Id)]);
        }

        var train = Split(plan.Train);
        var validation = plan.Validation.SequenceEqual(plan.Train) ? train : Split(plan.Validation);
        log($"Table: {specs.Count(s => s.Numeric)} numeric and {specs.Count(s => !s.Numeric)} categorical columns; {train.Count} train, {validation.Count} validation, {plan.Test.Length} test rows.");
        var batch = request.Settings.BatchSize ?? Math.Clamp(train.Count / 20, 16, 256);
        return new PreparedTask
        {
            Manifest = new ModelManifest
            {
                Task = regression ? "tabular-regression" : "tabular-classification",
                Template = Name,
                TemplateVersion = Version,
                ClassNames = classes,
                Input = new InputSpec { Kind = InputKind, Columns = specs, TargetMean = regression ? targetMean : null, TargetStd = regression ? targetStd : null },
                Architecture = new Dictionary<string, double> { ["width"] = request.Settings.ModelSize ?? 1.0 },
            },
            Train = train,
            Validation = validation,
            Test = plan.Test.Length > 0 ? Split(plan.Test) : null,
            Hyperparameters = new Hyperparameters(batch, request.Settings.LearningRate ?? 3e-3, 1e-4, Sgd: false, regression ? 0 : 0.05, 0.05),
        };
    }

    public nn.Module<Tensor, Tensor> CreateModel(ModelManifest manifest, Device device)
    {
        var specs = manifest.Input.Columns ?? [];
        var cardinalities = specs.Where(s => !s.Numeric).Select(s => (s.Categories?.Count ?? 0) + 1).ToList();
        var outputs = manifest.Task == "tabular-regression" ? 1 : manifest.ClassNames.Count;
        var model = new TabularNet(TableEncoder.NumericWidth(specs), cardinalities, outputs, manifest.Architecture.GetValueOrDefault("width", 1.0));
        model.to(device);
        return model;
    }

    public Tensor ToModelInput(ModelManifest manifest, Tensor raw, bool training, Device device) => raw.to(device);

    private static int IndexOf(MlTable table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
