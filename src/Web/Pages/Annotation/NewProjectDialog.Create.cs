using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Pages.Annotation;

/// <summary>The dialog's submit: checks the form here, creates the project, and puts the server's field messages by their fields.</summary>
public partial class NewProjectDialog
{
    private bool Validate()
    {
        _errors.Clear();
        var name = _name.Trim();
        if (name.Length == 0) _errors.Set(Name, "Give the project a name.");
        else if (name.Length > MaxName) _errors.Set(Name, $"Use at most {MaxName} characters.");
        if (_datasetId is null) _errors.Set(DatasetId, "Choose the dataset to annotate.");
        else if (_version is null) _errors.Set(VersionNumber, "Choose one of its versions.");
        if (LabelDraft.Problem(_labels, required: true) is { } problem) _errors.Set(ProblemFields.Labels, problem);
        if (_batchSize is < 1) _errors.Set(BatchSize, "At least 1.");
        if (_overlap is < MinOverlap or > MaxOverlap) _errors.Set(Overlap, $"From {MinOverlap} to {MaxOverlap} people.");
        OpenAdvancedOnError();
        return !_errors.Any;
    }

    private async Task CreateAsync()
    {
        if (_saving || !Validate()) return;
        _saving = true;
        try
        {
            var request = new CreateAnnotationProjectRequest(_name.Trim(), _datasetId!.Value, _version!.Value, LabelDraft.ToInputs(_labels),
                string.IsNullOrWhiteSpace(_instructions) ? null : _instructions.Trim(), _kind, _batchSize,
                _overlap > MinOverlap ? _overlap : null);
            Dialog.Close(DialogResult.Ok(await Api.CreateAnnotationProjectAsync(WorkspaceId, request)));
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 })
        {
            var rest = ProblemFields.Apply(_errors, ex, Name, DatasetId, VersionNumber, Kind, ProblemFields.Labels, Instructions, BatchSize, Overlap);
            OpenAdvancedOnError();
            if (rest is { Length: > 0 }) Feedback.Error(rest);
        }
        catch (Exception ex)
        {
            await Feedback.ErrorAsync(ex);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Unfolds the advanced fields when one of them has a message, so it is not hidden.</summary>
    private void OpenAdvancedOnError() => _advanced |= _errors.Has(BatchSize) || _errors.Has(Overlap);
}
