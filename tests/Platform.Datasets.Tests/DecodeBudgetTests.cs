using Platform.Datasets.Images;

namespace Platform.Datasets.Tests;

public sealed class DecodeBudgetTests
{
    [Fact]
    public async Task ADecodeWaitsUntilEnoughBytesAreFree()
    {
        var ct = TestContext.Current.CancellationToken;
        var budget = new DecodeBudget(100);
        var first = await budget.AcquireAsync(60, ct);

        var second = budget.AcquireAsync(60, ct);
        await Task.Delay(50, ct);
        second.IsCompleted.ShouldBeFalse();
        budget.InUse.ShouldBe(60);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5), ct)).Dispose();
        budget.InUse.ShouldBe(0);
    }

    [Fact]
    public async Task ADecodeLargerThanTheBudgetRunsAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        var budget = new DecodeBudget(100);
        var small = await budget.AcquireAsync(10, ct);

        var huge = budget.AcquireAsync(1_000, ct);
        var after = budget.AcquireAsync(1, ct);
        await Task.Delay(50, ct);
        huge.IsCompleted.ShouldBeFalse();
        after.IsCompleted.ShouldBeFalse();

        small.Dispose();
        using (await huge.WaitAsync(TimeSpan.FromSeconds(5), ct)) budget.InUse.ShouldBe(100);
        (await after.WaitAsync(TimeSpan.FromSeconds(5), ct)).Dispose();
        budget.InUse.ShouldBe(0);
    }

    [Fact]
    public async Task ACancelledWaitGivesWayToTheNext()
    {
        var ct = TestContext.Current.CancellationToken;
        var budget = new DecodeBudget(100);
        var held = await budget.AcquireAsync(50, ct);
        using var cancel = new CancellationTokenSource();

        var cancelled = budget.AcquireAsync(100, cancel.Token);
        var next = budget.AcquireAsync(50, ct);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        (await next.WaitAsync(TimeSpan.FromSeconds(5), ct)).Dispose();
        held.Dispose();
        held.Dispose();
        budget.InUse.ShouldBe(0);
    }
}
