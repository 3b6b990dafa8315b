using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Wires the file input and drop zone to upload.js and shows the queue; re-renders when the queue changes.</summary>
public partial class UploadArea : IAsyncDisposable
{
    /// <summary>The file input's id: the "u" shortcut focuses it.</summary>
    public const string InputId = "dataset-upload-input";
    private ElementReference _zone;
    private ElementReference _input;
    private bool _attached;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public UploadQueue Queue { get; set; } = default!;
    [Parameter] public bool Disabled { get; set; }

    protected override void OnInitialized() => Queue.Changed += OnQueueChanged;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_attached) return;
        _attached = true;
        await JS.InvokeVoidAsync("platformUpload.attach", _input, _zone, Queue.Reference);
    }

    private void OnQueueChanged() => _ = InvokeAsync(StateHasChanged);

    private async Task CancelAsync(UploadEntry entry) => await Feedback.TryAsync(() => Queue.CancelAsync(entry));

    private static string StatsText(UploadEntry e)
    {
        var percent = $"{e.Percent:0} %";
        return e.Status switch
        {
            UploadStatus.Waiting => "waiting",
            UploadStatus.Hashing => $"checking file… {percent}",
            UploadStatus.Preparing => "starting…",
            UploadStatus.Completing => "verifying…",
            UploadStatus.Done => e.Sha256 is null ? "uploaded" : "uploaded · verified",
            UploadStatus.Failed => $"{percent} · stopped",
            UploadStatus.Retrying => $"{percent} · paused",
            _ => percent + (e.BytesPerSecond > 0 ? $" · {Format.Rate(e.BytesPerSecond)}" : "")
                 + (e.TimeLeft is { } left ? $" · {Format.Duration(left)} left" : ""),
        };
    }

    private static string? StatsTitle(UploadEntry e) => e.Sha256 is { } sha ? $"SHA-256 {sha}" : null;

    private static string StatusIcon(UploadStatus status) => status switch
    {
        UploadStatus.Hashing => Icons.Material.Outlined.Fingerprint,
        UploadStatus.Done => Icons.Material.Filled.CheckCircle,
        UploadStatus.Failed => Icons.Material.Filled.ErrorOutline,
        UploadStatus.Retrying => Icons.Material.Filled.WifiOff,
        _ => Icons.Material.Outlined.InsertDriveFile,
    };

    private static Color StatusColor(UploadStatus status) => status switch
    {
        UploadStatus.Done => Color.Success,
        UploadStatus.Failed => Color.Error,
        UploadStatus.Retrying => Color.Warning,
        UploadStatus.Hashing => Color.Info,
        _ => Color.Primary,
    };

    public async ValueTask DisposeAsync()
    {
        Queue.Changed -= OnQueueChanged;
        try { await JS.InvokeVoidAsync("platformUpload.detach", _zone); }
        catch (JSException) { }
        GC.SuppressFinalize(this);
    }
}
