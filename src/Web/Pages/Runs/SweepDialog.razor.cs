using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts;
using Platform.Web.Services;

namespace Platform.Web.Pages.Runs;

/// <summary>Starts a sweep; each searched setting is a range ("0.01-0.3") or a list of values ("16, 32, 64").</summary>
public partial class SweepDialog
{
    private readonly string _formId = "sweep-form-" + Guid.NewGuid().ToString("N");
    private readonly FieldErrors _errors = new();
    private readonly List<Row> _rows =
    [
        new("learningRate", "Learning rate", "0.01-0.3", canRange: true) { Enabled = true, Text = "0.01-0.3", Log = true },
        new("batchSize", "Batch size", "32, 64, 128", canRange: false),
        new("modelSize", "Model size", "0.5-2", canRange: true),
        new("epochs", "Epochs", "5, 10, 20", canRange: false),
        new("seed", "Seed", "1, 2, 3", canRange: false),
    ];
    private TrainingProposalDto? _proposal;
    private SweepMethod _method = SweepMethod.Random;
    private int _trials = 8;
    private int _parallelism = 2;
    private double _minutes = 5;
    private bool _earlyStopping = true;
    private RunPriority _priority = RunPriority.Normal;
    private bool _starting;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PlatformClient Api { get; set; } = default!;
    [Inject] private Feedback Feedback { get; set; } = default!;
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }
    [Parameter, EditorRequired] public Guid ExperimentId { get; set; }

    private async Task StartAsync()
    {
        if (_starting || _proposal is not { Template: not null } proposal) return;
        _errors.Clear();
        var parameters = new List<SweepParameterDto>();
        foreach (var row in _rows.Where(r => r.Enabled))
            if (row.Parse() is { } parameter) parameters.Add(parameter);
            else _errors.Set("parameters", $"{row.Label}: write a range like {row.Example} or values separated by commas.");
        if (_errors.Any) return;
        _starting = true;
        try
        {
            var sweep = await Api.StartSweepAsync(WorkspaceId, new StartSweepRequest(proposal.DatasetId, proposal.Version, parameters, _method,
                _method == SweepMethod.Random ? _trials : null, _parallelism, _minutes, ExperimentId: ExperimentId, EarlyStopping: _earlyStopping,
                Priority: _priority));
            Dialog.Close(DialogResult.Ok(sweep));
        }
        catch (PlatformApiException ex) when (ex.Problem?.Errors is { Count: > 0 } errors)
        {
            foreach (var (key, messages) in errors)
                _errors.Set(key.StartsWith("parameters", StringComparison.OrdinalIgnoreCase) || key.StartsWith("settings", StringComparison.OrdinalIgnoreCase)
                    ? "parameters" : key, string.Join(" ", messages));
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

    private sealed class Row(string name, string label, string example, bool canRange)
    {
        public string Name => name;
        public string Label => label;
        public string Example => example;
        public bool CanRange => canRange;
        public bool Enabled { get; set; }
        public bool Log { get; set; }
        public string? Text { get; set; }

        public SweepParameterDto? Parse()
        {
            var text = (Text ?? "").Trim();
            var dash = Enumerable.Range(1, Math.Max(0, text.Length - 1)).FirstOrDefault(i => text[i] == '-' && text[i - 1] is not ('e' or 'E'), -1);
            if (CanRange && dash > 0 && !text.Contains(','))
                return Number(text[..dash]) is { } min && Number(text[(dash + 1)..]) is { } max ? new SweepParameterDto(Name, Min: min, Max: max, Log: Log) : null;
            var values = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number).ToList();
            return values.Count > 0 && values.All(v => v is not null) ? new SweepParameterDto(Name, Values: values.Select(v => v!.Value).ToList(), Log: Log) : null;
        }

        private static double? Number(string s) =>
            double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
