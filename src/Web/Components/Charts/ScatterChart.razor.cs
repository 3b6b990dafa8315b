using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Platform.Web.Components.Charts;

/// <summary>One point of a <see cref="ScatterChart"/>; <paramref name="Tip"/> is its tooltip.</summary>
public sealed record ScatterPoint(double X, double Y, string Tip);

/// <summary>
/// Thousands of points stay cheap: they are drawn as one path of zero-length round-capped segments, and the tooltips
/// hang on one transparent target per occupied cell of <see cref="Cell"/> pixels (a cell's tooltip lists its first points).
/// </summary>
public partial class ScatterChart
{
    private const double Left = 56, Top = 28, Side = 400, Width = Left + Side + 16, Height = Top + Side + 40, Cell = 6;
    private const int TipsPerCell = 3;
    private IReadOnlyList<double> _ticks = [];
    private IReadOnlyList<ScatterPoint> _points = [];
    private List<(double X, double Y, string Tip)> _targets = [];
    private string _pointPath = "", _highlightPath = "";
    private double _min, _max;
    private bool _changed;
    private object? _laidOutPoints, _laidOutHighlighted;

    [Parameter, EditorRequired] public IReadOnlyList<ScatterPoint> Points { get; set; } = [];
    /// <summary>Points drawn over the others in the error color (they may repeat some of <see cref="Points"/>).</summary>
    [Parameter] public IReadOnlyList<ScatterPoint> Highlighted { get; set; } = [];
    [Parameter] public string XLabel { get; set; } = "Actual";
    [Parameter] public string YLabel { get; set; } = "Predicted";

    private string AriaLabel => $"{YLabel} against {XLabel}: {Points.Count:N0} points";

    protected override void OnParametersSet()
    {
        // Parents re-render often (live events); the same lists need no new layout or render.
        _changed = !ReferenceEquals(Points, _laidOutPoints) || !ReferenceEquals(Highlighted, _laidOutHighlighted);
        if (!_changed) return;
        (_laidOutPoints, _laidOutHighlighted) = (Points, Highlighted);
        Layout();
    }

    protected override bool ShouldRender() => _changed;

    private void Layout()
    {
        _points = Points.Concat(Highlighted).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).Distinct().ToList();
        if (_points.Count == 0)
        {
            (_min, _max, _ticks, _targets) = (0, 1, ChartMath.Ticks(0, 1, 5), []);
            return;
        }
        // One range for both axes, so the diagonal runs corner to corner and distances mean the same either way.
        (_min, _max) = (_points.Min(p => Math.Min(p.X, p.Y)), _points.Max(p => Math.Max(p.X, p.Y)));
        if (_max - _min < 1e-12) (_min, _max) = (_min - 0.5, _max + 0.5);
        var pad = (_max - _min) * 0.04;
        (_min, _max) = (_min - pad, _max + pad);
        _ticks = ChartMath.Ticks(_min, _max, 6);
        _pointPath = PathOf(Points);
        _highlightPath = PathOf(Highlighted);
        _targets = _points
            .GroupBy(p => ((int)Math.Floor(X(p.X) / Cell), (int)Math.Floor(Y(p.Y) / Cell)))
            .Select(g => (X(g.First().X), Y(g.First().Y), TipOf(g.ToList())))
            .ToList();
    }

    private string PathOf(IReadOnlyList<ScatterPoint> points)
    {
        var path = new StringBuilder(points.Count * 16);
        foreach (var p in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            path.Append('M').Append(F(X(p.X))).Append(' ').Append(F(Y(p.Y))).Append("h0");
        return path.ToString();
    }

    private static string TipOf(List<ScatterPoint> points) => points.Count == 1 ? points[0].Tip
        : $"{points.Count} points here:\n" + string.Join("\n", points.Take(TipsPerCell).Select(p => p.Tip))
          + (points.Count > TipsPerCell ? $"\n… and {(points.Count - TipsPerCell).ToString("N0", CultureInfo.InvariantCulture)} more" : "");

    private double X(double value) => Left + ((value - _min) / (_max - _min) * Side);

    private double Y(double value) => Top + ((_max - value) / (_max - _min) * Side);

    private static string F(double v) => ChartMath.Px(v);
}
