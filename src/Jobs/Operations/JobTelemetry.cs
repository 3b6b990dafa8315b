using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Storage.Entities;

namespace Platform.Jobs.Operations;

/// <summary>
/// What workers report to OpenTelemetry: a span per operation (with its id, kind, queue and subject, e.g. the run),
/// operation durations per queue and kind, and training steps (Prometheus: <c>rate(platform_training_steps_total[1m])</c>).
/// </summary>
public static class JobTelemetry
{
    public const string Name = "Platform.Jobs";
    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>("platform.operations.duration", unit: "s",
        description: "Time an operation ran on a worker, by queue, kind and outcome.");
    private static readonly Counter<long> TrainingSteps = Meter.CreateCounter<long>("platform.training.steps",
        description: "Optimizer steps taken by training runs on this worker.");

    public static Activity? Start(Operation operation)
    {
        var activity = Source.StartActivity($"operation {operation.Kind}", ActivityKind.Internal);
        activity?.SetTag("operation.id", operation.Id.ToString());
        activity?.SetTag("operation.kind", operation.Kind);
        activity?.SetTag("operation.queue", OperationQueues.For(operation));
        activity?.SetTag("workspace.id", operation.WorkspaceId.ToString());
        if (operation.SubjectId is { } subject) activity?.SetTag(operation.Kind == OperationKinds.TrainModel ? "run.id" : "subject.id", subject.ToString());
        return activity;
    }

    public static void Finished(Operation operation, TimeSpan elapsed, Activity? activity)
    {
        var outcome = operation.State.ToString().ToLowerInvariant();
        Durations.Record(elapsed.TotalSeconds, new("queue", OperationQueues.For(operation)), new("kind", operation.Kind), new("outcome", outcome));
        activity?.SetTag("operation.outcome", outcome);
        if (operation.State == Contracts.OperationState.Failed) activity?.SetStatus(ActivityStatusCode.Error, operation.Message);
    }

    public static void StepsTaken(long steps)
    {
        if (steps > 0) TrainingSteps.Add(steps);
    }
}
