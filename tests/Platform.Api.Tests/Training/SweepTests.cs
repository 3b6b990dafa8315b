using System.Net;
using Platform.Contracts;
using Platform.Jobs.Training;
using Platform.TestKit;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests.Training;

public abstract class SweepTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : PlatformApp
{
    [Fact]
    public async Task ARandomSweepRunsItsTrialsWithinItsParallelismAndMarksTheBest()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        var started = await owner.StartSweepAsync(workspace.Id, new StartSweepRequest(dataset.Id, 1,
            [new SweepParameterDto("learningRate", Min: 0.01, Max: 0.3, Log: true)], Trials: 3, Parallelism: 2, TrialBudgetMinutes: 5,
            BaseSettings: RunWaits.Quick), ct);
        started.Status.ShouldBe(SweepStatus.Running);
        started.Metric.ShouldBe("val_accuracy");
        started.Runs.Count.ShouldBe(3);
        started.Runs.Select(t => t.Values["learningRate"]).ShouldAllBe(lr => lr >= 0.01 && lr <= 0.3);

        var sweep = await WaitAsync(owner, workspace.Id, started.Id, ct);
        sweep.Status.ShouldBe(SweepStatus.Succeeded, sweep.Message);
        sweep.Runs.ShouldAllBe(t => t.RunId != null && (t.Status == RunStatus.Succeeded || t.Status == RunStatus.Cancelled));
        var best = sweep.Runs.Where(t => t.Status == RunStatus.Succeeded).OrderByDescending(t => t.Score).ThenBy(t => t.Index).First();
        sweep.BestRunId.ShouldBe(best.RunId);
        sweep.Message!.ShouldStartWith($"Best: trial {best.Index + 1}");

        var runs = new List<RunDto>();
        foreach (var trial in sweep.Runs) runs.Add(await owner.GetRunAsync(workspace.Id, trial.RunId!.Value, ct));
        // The third trial was queued only once one of the first two had ended.
        runs[2].CreatedAt.ShouldBeGreaterThanOrEqualTo(runs.Take(2).Min(r => r.FinishedAt!.Value));
        var rows = (await owner.ListRunsAsync(workspace.Id, sweep.ExperimentId, ct: ct)).Items;
        rows.Single(r => r.Id == runs[0].Id).Params["learningRate"].ShouldBe(sweep.Runs[0].Values["learningRate"].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        (await owner.ListSweepsAsync(workspace.Id, sweep.ExperimentId, ct: ct)).Items.ShouldHaveSingleItem().Id.ShouldBe(sweep.Id);
    }

    [Fact]
    public async Task CancellingASweepCancelsItsTrials()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(10), "shapes.zip", ct);
        var started = await owner.StartSweepAsync(workspace.Id, new StartSweepRequest(dataset.Id, 1,
            [new SweepParameterDto("batchSize", Values: [8, 16])], SweepMethod.Grid, Parallelism: 1, TrialBudgetMinutes: 30), ct);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await owner.GetSweepAsync(workspace.Id, started.Id, ct)).Runs[0].Status != RunStatus.Running && DateTime.UtcNow < deadline)
            await Task.Delay(200, ct);

        (await owner.CancelSweepAsync(workspace.Id, started.Id, ct)).Id.ShouldBe(started.Id);
        var sweep = await WaitAsync(owner, workspace.Id, started.Id, ct);
        sweep.Status.ShouldBe(SweepStatus.Cancelled);
        sweep.Runs[0].Status.ShouldBe(RunStatus.Cancelled);
        sweep.Runs[1].RunId.ShouldBeNull(); // never launched
        await owner.CancelSweepAsync(workspace.Id, started.Id, ct).ShouldFailWith(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadSweepsAreRefusedAndStrangersSeeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, workspace) = await app.NewOwnerAsync();
        var (dataset, _) = await owner.ImportAsync(workspace.Id, DatasetFixtures.ShapesZip(4), "shapes.zip", ct);
        async Task<Dictionary<string, string[]>> Refused(StartSweepRequest request) =>
            (await owner.StartSweepAsync(workspace.Id, request, ct).ShouldFailWith(HttpStatusCode.BadRequest)).Problem!.Errors!;

        (await Refused(new StartSweepRequest(dataset.Id, 1, []))).ShouldContainKey("parameters");
        (await Refused(new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("dropout", Values: [0.1])])))["parameters[0]"][0].ShouldContain("cannot be searched");
        (await Refused(new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("learningRate", Min: 0.1, Max: 0.2)], SweepMethod.Grid)))
            ["parameters[0]"][0].ShouldContain("grid search needs a list");
        (await Refused(new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("learningRate", Min: 0, Max: 1, Log: true)], Trials: 2)))
            ["parameters[0]"][0].ShouldContain("above 0");
        (await Refused(new StartSweepRequest(dataset.Id, 1,
            [new SweepParameterDto("batchSize", Values: [1, 2, 3, 4, 5, 6, 7, 8]), new SweepParameterDto("seed", Values: [1, 2, 3, 4, 5, 6, 7])], SweepMethod.Grid)))
            ["parameters"][0].ShouldContain("more than 50");
        (await Refused(new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("batchSize", Values: [0, 8])], SweepMethod.Grid)))
            ["parameters"][0].ShouldContain("Trial 1: Batch size must be between 1 and 8192.");
        (await Refused(new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("seed", Values: [1])], Trials: 2, Parallelism: 0))).ShouldContainKey("parallelism");
        await owner.StartSweepAsync(workspace.Id, new StartSweepRequest(Guid.NewGuid(), 1, [new SweepParameterDto("seed", Values: [1])], Trials: 1), ct)
            .ShouldFailWith(HttpStatusCode.NotFound);

        var sweep = await owner.StartSweepAsync(workspace.Id, new StartSweepRequest(dataset.Id, 1, [new SweepParameterDto("seed", Values: [1])], Trials: 1,
            BaseSettings: RunWaits.Quick with { Epochs = 1 }), ct);
        var (stranger, _) = await app.NewUserAsync("stranger");
        await stranger.GetSweepAsync(workspace.Id, sweep.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await stranger.CancelSweepAsync(workspace.Id, sweep.Id, ct).ShouldFailWith(HttpStatusCode.NotFound);
        await WaitAsync(owner, workspace.Id, sweep.Id, ct);
    }

    private static async Task<SweepDto> WaitAsync(PlatformClient client, Guid ws, Guid id, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (true)
        {
            var sweep = await client.GetSweepAsync(ws, id, ct);
            if (sweep.Status != SweepStatus.Running) return sweep;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Sweep still running: {sweep.Message}");
            await Task.Delay(250, ct);
        }
    }
}

public sealed class SuccessiveHalvingTests
{
    [Fact]
    public void WithFewerThanEtaTrialsAtARungEveryTrialGoesOn()
    {
        SuccessiveHalving.ShouldStop(0.1, [0.9, 0.1], maximize: true).ShouldBeFalse();
    }

    [Fact]
    public void OnlyTheBestThirdGoesOn()
    {
        double[] peers = [0.9, 0.8, 0.5, 0.4, 0.3, 0.2];
        SuccessiveHalving.ShouldStop(0.9, peers, maximize: true).ShouldBeFalse();
        SuccessiveHalving.ShouldStop(0.8, peers, maximize: true).ShouldBeFalse();
        SuccessiveHalving.ShouldStop(0.5, peers, maximize: true).ShouldBeTrue();
        SuccessiveHalving.ShouldStop(0.2, [0.2, 0.5, 0.9], maximize: false).ShouldBeFalse();
        SuccessiveHalving.ShouldStop(0.5, [0.2, 0.5, 0.9], maximize: false).ShouldBeTrue();
        SuccessiveHalving.ShouldStop(double.NaN, [double.NaN, 0.5, 0.9], maximize: true).ShouldBeTrue();
        SuccessiveHalving.Rungs(10).ShouldBe([1, 3, 9]);
    }
}
