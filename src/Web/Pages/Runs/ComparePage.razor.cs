using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Components.Charts;

namespace Platform.Web.Pages.Runs;

/// <summary>2 to 10 runs side by side: parameters (differences first), every metric overlaid, evaluations.</summary>
public partial class ComparePage
{
    private readonly CancellationTokenSource _cts = new();
    private RunComparisonDto? _comparison;
    private ExperimentDto? _experiment;
    private List<(string Name, List<ChartSeries> Series)>? _series;
    private string? _error;
    private bool _log;
    private double _smoothing = 0.6;

    [Parameter] public Guid Id { get; set; }
    /// <summary>Comma-separated run ids.</summary>
    [SupplyParameterFromQuery(Name = "runs")] public string? RunIds { get; set; }
    protected override object? RouteKey => (Id, RunIds);
    [Inject] private PlatformClient Api { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Experiments", "/experiments"), new(_experiment?.Name ?? "Experiment", $"/experiments/{Id}"), new("Compare", null, disabled: true),
    ];

    protected override void OnWorkspaceChanged()
    {
        _comparison = null;
        _series = null;
        _error = null;
    }

    protected override async Task LoadAsync(WorkspaceDto workspace)
    {
        var ids = (RunIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Distinct().ToList();
        if (ids.Count is < 2 or > RunComparisonDto.MaxRuns || ids.Contains(Guid.Empty))
        {
            _error = $"Choose 2 to {RunComparisonDto.MaxRuns} runs to compare.";
            return;
        }
        try
        {
            _comparison = await Api.CompareRunsAsync(workspace.Id, ids, _cts.Token);
            _experiment = await Api.GetExperimentAsync(workspace.Id, Id, _cts.Token);
        }
        catch (PlatformApiException ex) when (ex.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest)
        {
            _error = ex.Status == System.Net.HttpStatusCode.NotFound ? "One of these runs does not exist in this workspace" : ex.UserMessage;
            return;
        }
        StateHasChanged();
        var metrics = await Task.WhenAll(ids.Select(id => Api.GetRunMetricsAsync(workspace.Id, id, maxPoints: 500, ct: _cts.Token)));
        _series = Overlay(_comparison.Runs, metrics);
    }

    /// <summary>One chart per metric, one line per run in the runs' order (a run without the metric keeps its color with no line).</summary>
    private static List<(string, List<ChartSeries>)> Overlay(IReadOnlyList<ComparedRunDto> runs, RunMetricsDto[] metrics)
    {
        var names = metrics.SelectMany(m => m.Series.Select(s => s.Name)).Distinct()
            .OrderBy(n => n.StartsWith("system/") ? 1 : 0).ThenBy(n => n, StringComparer.Ordinal);
        return names.Select(name => (name, runs.Select((r, i) => new ChartSeries(r.Run.Name,
            metrics[i].Series.FirstOrDefault(s => s.Name == name)?.Points ?? [])).ToList())).ToList();
    }

    protected override void Disposing()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
