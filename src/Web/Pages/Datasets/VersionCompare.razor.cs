using Microsoft.AspNetCore.Components;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Compares two versions (DiffVersionsAsync); defaults to the latest and the one before it.</summary>
public partial class VersionCompare
{
    private int _from;
    private int _to;
    private bool _busy;
    private VersionDiffDto? _diff;

    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<DatasetVersionDto> Versions { get; set; } = [];

    protected override void OnParametersSet()
    {
        if (Versions.Count == 0) return;
        if (Versions.All(v => v.Number != _to)) _to = Versions[0].Number;
        if (Versions.All(v => v.Number != _from)) _from = Versions.Count > 1 ? Versions[1].Number : Versions[0].Number;
    }

    private async Task CompareAsync()
    {
        if (_busy || _from == _to) return;
        _busy = true;
        await Feedback.TryAsync(async () => _diff = await Api.DiffVersionsAsync(WorkspaceId, DatasetId, _from, _to));
        _busy = false;
    }

    private static string Signed(int n) => n > 0 ? "+" + Format.Count(n) : Format.Count(n);

    private static string ChangeClass(int n) => n > 0 ? "mud-success-text" : n < 0 ? "mud-error-text" : "muted";

    /// <summary>"1,000 moved train → test"; items without a split are "unsplit".</summary>
    private static string MoveText(SplitMoveDto m) => $"{Format.Count(m.Count)} moved {SplitName(m.From)} → {SplitName(m.To)}";

    private static string SplitName(DatasetSplit split) => split == DatasetSplit.None ? "unsplit" : DatasetLabels.Split(split).ToLowerInvariant();

    private static string ExampleText(ItemChangeDto e)
    {
        var label = (e.From, e.To) switch
        {
            (null, { } to) => $"added as {to}",
            ({ } from, null) => $"removed (was {from})",
            (null, null) => "changed",
            ({ } from, { } to) when from == to => null,
            ({ } from, { } to) => $"{from} → {to}",
        };
        var move = e is { FromSplit: { } f, ToSplit: { } t } ? $"moved {SplitName(f)} → {SplitName(t)}" : null;
        return string.Join(", ", new[] { label, move }.OfType<string>()) is { Length: > 0 } text ? text : "boxes changed";
    }
}
