using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Platform.Web.Components.Charts;

namespace Platform.Web.Pages.Serving;

/// <summary>One line of a <see cref="MonitoringChart"/>: a value per minute of the window (null where there is none) in a CSS color.</summary>
public sealed record MonitoringLine(string Name, string Color, IReadOnlyList<double?> Values);

public partial class MonitoringChart
{
    private const double Left = 52, Right = 12, Top = 8, Bottom = 22;
    private static readonly int[] TickSteps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720];
    private readonly List<(string Color, List<string> Segments, List<(double X, double Y)> Dots)> _paths = [];
    private List<(int Index, string Label)> _xTicks = [];
    private IReadOnlyList<double> _yTicks = [];
    private ElementReference _container;
    private DotNetObjectReference<MonitoringChart>? _self;
    private int? _observerId;
    private double _width;
    private double _maxY = 1;
    private int _count;
    private int? _hover;
    private object? _laidOutLines;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    /// <summary>The window's first minute: the first value of every line.</summary>
    [Parameter, EditorRequired] public DateTimeOffset Start { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<MonitoringLine> Lines { get; set; } = [];
    /// <summary>Written after each value in the hover readout, e.g. " ms".</summary>
    [Parameter] public string Unit { get; set; } = "";
    /// <summary>Counts: the value axis has no ticks between whole numbers.</summary>
    [Parameter] public bool WholeNumbers { get; set; }
    [Parameter] public int Height { get; set; } = 180;

    private string Readout => _hover is not { } i ? ""
        : Start.AddMinutes(i).ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture) + " · "
          + string.Join(" · ", Lines.Select(l => $"{l.Name} {(l.Values[i] is { } v ? ChartMath.Label(v) + Unit : "—")}"));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _self = DotNetObjectReference.Create(this);
        _observerId = await JS.InvokeAsync<int>("platformPortal.observeWidth", _container, _self);
    }

    [JSInvokable]
    public void OnWidthChanged(double width)
    {
        _width = Math.Max(200, width);
        Layout();
        StateHasChanged();
    }

    protected override void OnParametersSet()
    {
        // The page re-renders on every live event; the same lines need no new layout.
        if (ReferenceEquals(Lines, _laidOutLines)) return;
        _laidOutLines = Lines;
        Layout();
    }

    private void Layout()
    {
        _paths.Clear();
        (_xTicks, _yTicks) = ([], []);
        _count = Lines.Count == 0 ? 0 : Lines.Max(l => l.Values.Count);
        if (_hover >= _count) _hover = null;
        if (_width <= 0 || _count == 0) return;
        var max = Lines.SelectMany(l => l.Values).Max(v => v ?? 0);
        _yTicks = ChartMath.Ticks(0, max > 0 ? max : 1, Math.Max(2, Height / 45));
        if (WholeNumbers) _yTicks = _yTicks.Where(t => t == Math.Floor(t)).ToList();
        _maxY = Math.Max(_yTicks[^1], max) * 1.05;
        if (_maxY <= 0) _maxY = 1;
        _xTicks = TimeTicks(Math.Max(2, (int)(_width / 90)));
        foreach (var line in Lines)
        {
            var runs = new List<List<(double X, double Y)>> { new() };
            for (var i = 0; i < line.Values.Count; i++)
            {
                if (line.Values[i] is { } v && double.IsFinite(v)) runs[^1].Add((X(i), Y(v)));
                else if (runs[^1].Count > 0) runs.Add([]);
            }
            _paths.Add((line.Color,
                runs.Where(r => r.Count > 1).Select(r => string.Join(' ', r.Select(p => F(p.X) + "," + F(p.Y)))).ToList(),
                runs.Where(r => r.Count == 1).Select(r => r[0]).ToList()));
        }
    }

    /// <summary>Minutes on round local clock times ("14:30"), about <paramref name="most"/> of them.</summary>
    private List<(int, string)> TimeTicks(int most)
    {
        var step = TickSteps.FirstOrDefault(s => _count / s <= most, TickSteps[^1]);
        var ticks = new List<(int, string)>();
        for (var i = 0; i < _count; i++)
        {
            var local = Start.AddMinutes(i).ToLocalTime();
            if (((local.Hour * 60) + local.Minute) % step == 0) ticks.Add((i, local.ToString("HH:mm", CultureInfo.InvariantCulture)));
        }
        return ticks;
    }

    private double X(int index) => Left + (_count <= 1 ? 0 : (double)index / (_count - 1) * (_width - Left - Right));

    private double Y(double value) => Top + ((_maxY - value) / _maxY * (Height - Top - Bottom));

    private void Hover(MouseEventArgs e)
    {
        if (_count == 0 || _width <= Left + Right) return;
        var fraction = Math.Clamp((e.OffsetX - Left) / (_width - Left - Right), 0, 1);
        _hover = (int)Math.Round(fraction * (_count - 1));
    }

    private static string F(double v) => ChartMath.Px(v);

    public async ValueTask DisposeAsync()
    {
        if (_observerId is { } id)
        {
            try { await JS.InvokeVoidAsync("platformPortal.unobserve", id); }
            catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
