using System.Diagnostics;
using Platform.Ml.Engine;

namespace Platform.Ml;

/// <summary>Entry point for training: validates the request, prepares the data, trains, evaluates, packages.</summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains on a dedicated thread. Throws <see cref="MlValidationException"/> for bad settings or data, and
    /// <see cref="OperationCanceledException"/> within a training step of <paramref name="ct"/> being cancelled.
    /// </summary>
    public static Task<TrainingResult> TrainAsync(TrainingRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Templates.ITemplate template;
        try
        {
            template = Validate(request);
        }
        catch (MlValidationException e)
        {
            return Task.FromException<TrainingResult>(e);
        }

        return Task.Factory.StartNew(() => Train(request, template, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static Templates.ITemplate Validate(TrainingRequest request)
    {
        var errors = new Dictionary<string, List<string>>();
        Templates.ITemplate? template = null;
        try
        {
            template = MlTemplates.Get(request.Template);
        }
        catch (MlValidationException e)
        {
            errors.Add("template", e.Errors["template"][0]);
        }

        if (request.TimeBudget <= TimeSpan.Zero)
        {
            errors.Add("timeBudget", "The time budget must be positive.");
        }
        else if (request.TimeBudget > TimeSpan.FromDays(7))
        {
            errors.Add("timeBudget", "The time budget must be at most 7 days.");
        }

        request.Settings.Validate(errors);
        if (template is not null)
        {
            var wantsTable = template.InputKind == "table";
            if (wantsTable && request.Table is null)
            {
                errors.Add("table", $"Template '{template.Name}' trains on a table; none was given.");
            }
            else if (!wantsTable && request.Items is null)
            {
                errors.Add("items", $"Template '{template.Name}' trains on items; none were given.");
            }
            else if (!wantsTable && request.Items!.Count == 0)
            {
                errors.Add("items", "The dataset is empty.");
            }
        }

        MlValidationException.ThrowIfAny(errors);
        return template!;
    }

    private static TrainingResult Train(TrainingRequest request, Templates.ITemplate template, CancellationToken ct)
    {
        TorchSetup.EnsureInitialized();
        var clock = Stopwatch.StartNew();
        void Log(string line) => request.Callbacks.Log?.Report(line);
        using var task = template.Prepare(request, Log, ct);
        using var run = new TrainingRun(request, template, task, clock, ct);
        return run.Run();
    }
}

internal static class TorchSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        TorchSharp.torch.set_num_threads(Environment.ProcessorCount);
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
