using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Reads the version's statistics when the version changes and turns them into chart series.</summary>
public partial class StatsTab : IDisposable
{
    private const int MaxBars = 30;
    private readonly CancellationTokenSource _cts = new();
    private readonly BarChartOptions _barOptions = new() { ShowLegend = false, XAxisLabelRotation = 0, YAxisFormat = "0" };
    private DatasetStatsDto? _stats;
    private Guid? _versionId;
    private bool _loading;
    private int _classTotal;
    private List<ChartSeries<double>> _classSeries = [];
    private string[] _classLabels = [];
    private List<ChartSeries<double>> _sizeSeries = [];
    private string[] _sizeLabels = [];

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;

    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (Version.Id == _versionId) return;
        _versionId = Version.Id;
        _stats = null;
        _loading = true;
        var number = Version.Number;
        await Feedback.TryAsync(async () =>
        {
            var stats = await Api.GetVersionStatsAsync(WorkspaceId, DatasetId, number, _cts.Token);
            if (Version.Number == number) Show(stats);
        });
        _loading = false;
    }

    private void Show(DatasetStatsDto stats)
    {
        _stats = stats;
        var top = stats.Classes.OrderByDescending(c => c.Count).Take(MaxBars).ToList();
        _classTotal = stats.Classes.Sum(c => c.Count);
        _classLabels = [.. top.Select(c => c.Label)];
        _classSeries = [new ChartSeries<double>(top.Select(c => (double)c.Count).ToList()) { Name = "Items" }];
        _sizeLabels = [.. stats.ImageSizes.Select(b => b.Range)];
        _sizeSeries = [new ChartSeries<double>(stats.ImageSizes.Select(b => (double)b.Count).ToList()) { Name = "Images" }];
        _barOptions.XAxisLabelRotation = top.Count > 8 ? 45 : 0;
    }

    private static IEnumerable<(string Name, int Count)> SplitRows(SplitCountsDto s) =>
        [("Train", s.Train), ("Validation", s.Validation), ("Test", s.Test), ("None", s.None)];

    private static int SplitTotal(SplitCountsDto s) => s.Train + s.Validation + s.Test + s.None;

    private static double Percent(int count, int total) => total == 0 ? 0 : count * 100.0 / total;

    private static string Share(int count, int total) => Percent(count, total).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Number(double? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 1000 || v == Math.Round(v) => v.ToString("#,0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.####", CultureInfo.InvariantCulture),
    };

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
