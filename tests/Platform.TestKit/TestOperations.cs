using Microsoft.Extensions.DependencyInjection;
using Platform.Datasets.Formats;
using Platform.Jobs.Operations;
using Platform.Storage.Entities;

namespace Platform.TestKit;

/// <summary>Operation kinds that exist only in test hosts, to drive the operation machinery into its edge cases.</summary>
public static class TestOperations
{
    /// <summary>Reports progress, then runs until it is cancelled.</summary>
    public const string Block = "test-block";

    /// <summary>Fails with an unexpected exception whose message is far longer than the Message column.</summary>
    public const string FailLong = "test-fail-long";

    /// <summary>Fails the way bad user input does (a <see cref="DatasetFormatException"/>).</summary>
    public const string FailAsUserError = "test-fail-user";

    /// <summary>Reports, then ignores cancellation and finishes only when the test calls <see cref="Finish"/>.</summary>
    public const string FinishLate = "test-finish-late";

    public const int LongMessageLength = 5000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, TaskCompletionSource> Late = new();

    /// <summary>Lets a <see cref="FinishLate"/> operation return success.</summary>
    public static void Finish(Guid operationId) => LateGate(operationId).TrySetResult();

    private static TaskCompletionSource LateGate(Guid id) => Late.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static IServiceCollection AddTestOperations(this IServiceCollection services)
    {
        services.AddScoped<IOperationHandler, BlockingHandler>();
        services.AddScoped<IOperationHandler, LateHandler>();
        services.AddScoped<IOperationHandler>(_ => new FailingHandler(FailLong, () => new InvalidOperationException(new string('x', LongMessageLength))));
        services.AddScoped<IOperationHandler>(_ => new FailingHandler(FailAsUserError, () => new DatasetFormatException("The upload holds no images.")));
        return services;
    }

    private sealed class BlockingHandler : IOperationHandler
    {
        public string Kind => Block;

        public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
        {
            await report.ReportAsync(0.5, "Waiting to be cancelled", ct);
            await Task.Delay(Timeout.Infinite, ct);
            return "Never.";
        }
    }

    private sealed class LateHandler : IOperationHandler
    {
        public string Kind => FinishLate;

        public async Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct)
        {
            await report.ReportAsync(0.5, "Working", ct);
            await LateGate(operation.Id).Task.WaitAsync(TimeSpan.FromMinutes(2), CancellationToken.None);
            return "Finished anyway.";
        }
    }

    private sealed class FailingHandler(string kind, Func<Exception> failure) : IOperationHandler
    {
        public string Kind => kind;

        public Task<string> RunAsync(Operation operation, IOperationReporter report, CancellationToken ct) => throw failure();
    }
}
