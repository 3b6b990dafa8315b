using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Datasets;

/// <summary>Checks the percentages here (each 0–100, adding up to 100), then queues the split; returns the operation.</summary>
public partial class SplitDialog
{
    private readonly string _formId = "split-" + Guid.NewGuid().ToString("N");
    private readonly FieldErrors _errors = new();
    private int _train = 80;
    private int _validation = 10;
    private int _test = 10;
    private int _seed = 42;
    private bool _stratified = true;
    private bool _starting;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid DatasetId { get; set; }
    [Parameter, EditorRequired] public DatasetVersionDto Version { get; set; } = default!;

    private int Sum => _train + _validation + _test;

    protected override void OnInitialized() =>
        _stratified = Version.Kind is DatasetKind.ImageClassification or DatasetKind.TextClassification;

    private bool Validate()
    {
        _errors.Clear();
        foreach (var (field, value) in new[] { (nameof(SplitRequest.Train), _train), (nameof(SplitRequest.Validation), _validation), (nameof(SplitRequest.Test), _test) })
            if (value is < 0 or > 100) _errors.Set(field, "Between 0 and 100.");
        if (_errors.Any) return false;
        if (Sum != 100)
        {
            var message = $"The three add up to {Sum} %, not 100 %.";
            _errors.Set(nameof(SplitRequest.Train), message);
            _errors.Set(nameof(SplitRequest.Validation), message);
            _errors.Set(nameof(SplitRequest.Test), message);
            return false;
        }
        if (_train == 0) _errors.Set(nameof(SplitRequest.Train), "Keep some items for training.");
        return !_errors.Any;
    }

    private async Task StartAsync()
    {
        if (_starting || !Validate()) return;
        _starting = true;
        try
        {
            var request = new SplitRequest(_train / 100.0, _validation / 100.0, _test / 100.0, _seed, _stratified);
            var op = await Api.SplitVersionAsync(WorkspaceId, DatasetId, Version.Number, request);
            Dialog.Close(DialogResult.Ok(op));
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            var rest = _errors.AddFrom(ex, nameof(SplitRequest.Train), nameof(SplitRequest.Validation), nameof(SplitRequest.Test),
                nameof(SplitRequest.Seed), nameof(SplitRequest.Stratified));
            if (rest is { Length: > 0 }) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _starting = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
