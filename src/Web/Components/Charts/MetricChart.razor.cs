using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace Platform.Web.Components.Charts;

public partial class MetricChart
{
    private const double Left = 52, Right = 12, Top = 8, Bottom = 22;
    // Ten colors: a comparison overlays up to ten runs.
    private static readonly string[] Palette = ["#3f7fd9", "#e5793b", "#3aa675", "#b856c7", "#d64b4b", "#8a8a2e", "#2aa3b8", "#c7507e", "#6b6bd6", "#9c6b3a"];
    private readonly List<List<string>> _lines = [];
    private readonly List<List<(double X, double Y)>> _dots = [];
    private IReadOnlyList<double> _xTicks = [];
    private IReadOnlyList<double> _yTicks = [];
    private ElementReference _container;
    private DotNetObjectReference<MetricChart>? _self;
    private int? _observerId;
    private double _width;
    private double _minX, _maxX, _minY, _maxY;
    private int _points;
    private double? _dragFrom, _dragTo;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];
    [Parameter] public bool LogScale { get; set; }
    /// <summary>0 (none) to 0.99.</summary>
    [Parameter] public double Smoothing { get; set; }
    [Parameter] public int Height { get; set; } = 200;
    /// <summary>Called with the step range a user dragged across.</summary>
    [Parameter] public EventCallback<(long From, long To)> OnZoom { get; set; }

    private string Latest => Series.Count == 1 && Series[0].Points.Count > 0
        ? $"{ChartMath.Label(Series[0].Points[^1].Value)} at step {Series[0].Points[^1].Step:N0}" : "";

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

    protected override void OnParametersSet() => Layout();

    private void Layout()
    {
        var series = Series.Select(s => ChartMath.Smooth(s.Points.Select(p => ((double)p.Step, Value(p.Value))).ToList(), Smoothing)).ToList();
        var finite = series.SelectMany(s => s).Where(p => double.IsFinite(p.Y)).ToList();
        _points = finite.Count;
        _lines.Clear();
        _dots.Clear();
        if (_width <= 0 || finite.Count == 0) return;
        (_minX, _maxX) = (finite.Min(p => p.X), finite.Max(p => p.X));
        (_minY, _maxY) = (finite.Min(p => p.Y), finite.Max(p => p.Y));
        if (_maxX <= _minX) _maxX = _minX + 1;
        if (_maxY - _minY < 1e-12) { _minY -= 0.5; _maxY += 0.5; }
        var pad = (_maxY - _minY) * 0.05;
        (_minY, _maxY) = (_minY - pad, _maxY + pad);
        _xTicks = ChartMath.Ticks(_minX, _maxX, Math.Max(2, (int)(_width / 110)));
        _yTicks = ChartMath.Ticks(_minY, _maxY, Math.Max(2, Height / 45));
        foreach (var line in series)
        {
            var segments = Segments(line);
            _lines.Add(segments.Where(s => s.Count > 1).Select(s => string.Join(' ', s.Select(p => F(p.X) + "," + F(p.Y)))).ToList());
            _dots.Add(segments.Where(s => s.Count == 1).Select(s => s[0]).ToList());
        }
    }

    /// <summary>Runs of drawable points (pixels), broken where a value is NaN or infinite (or not positive on a log scale).</summary>
    private List<List<(double X, double Y)>> Segments(IReadOnlyList<(double X, double Y)> points)
    {
        var segments = new List<List<(double, double)>> { new() };
        foreach (var (x, y) in points)
        {
            if (double.IsFinite(y)) segments[^1].Add((X(x), Y(y)));
            else if (segments[^1].Count > 0) segments.Add([]);
        }
        return segments.Where(s => s.Count > 0).ToList();
    }

    private double Value(double v) => !LogScale ? v : v > 0 ? Math.Log10(v) : double.NaN;

    private double X(double step) => Left + ((step - _minX) / (_maxX - _minX) * (_width - Left - Right));

    private double Y(double value) => Top + ((_maxY - value) / (_maxY - _minY) * (Height - Top - Bottom));

    private double StepAt(double x) => _minX + ((Math.Clamp(x, Left, _width - Right) - Left) / (_width - Left - Right) * (_maxX - _minX));

    private void Down(MouseEventArgs e) => (_dragFrom, _dragTo) = (e.OffsetX, e.OffsetX);

    private void Move(MouseEventArgs e)
    {
        if (_dragFrom is not null && e.Buttons == 1) _dragTo = e.OffsetX;
    }

    private void Leave(MouseEventArgs e) => (_dragFrom, _dragTo) = (null, null);

    private async Task UpAsync(MouseEventArgs e)
    {
        if (_dragFrom is not { } from) return;
        var to = e.OffsetX;
        (_dragFrom, _dragTo) = (null, null);
        if (Math.Abs(to - from) < 8 || _points == 0) return;
        var (a, b) = ((long)Math.Floor(StepAt(Math.Min(from, to))), (long)Math.Ceiling(StepAt(Math.Max(from, to))));
        if (b > a) await OnZoom.InvokeAsync((a, b));
    }

    /// <summary>The color of the <paramref name="i"/>-th series, for legends drawn outside the chart.</summary>
    public static string Color(int i) => Palette[i % Palette.Length];

    private static string F(double v) => ChartMath.Px(v);

    public async ValueTask DisposeAsync()
    {
        if (_observerId is { } id)
        {
            try { await JS.InvokeVoidAsync("platformPortal.unobserve", id); }
            catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
    }
}
