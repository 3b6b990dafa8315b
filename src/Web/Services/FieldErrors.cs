using Platform.Contracts;

namespace Platform.Web.Services;

/// <summary>Per-field validation messages for a form: the form's own checks plus the server's problem details.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Get(string field) => _errors.GetValueOrDefault(field);

    public void Set(string field, string message) => _errors[field] = message;

    public void Clear() => _errors.Clear();

    public void Clear(string field) => _errors.Remove(field);

    /// <summary>Copies the server's per-field messages for the given fields; returns the messages left for no field.</summary>
    public string? AddFrom(PlatformApiException ex, params string[] fields)
    {
        if (ex.Problem?.Errors is not { Count: > 0 } errors) return ex.UserMessage;
        var rest = new List<string>();
        foreach (var (key, messages) in errors)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)
                || key.EndsWith("." + f, StringComparison.OrdinalIgnoreCase));
            if (field is null) rest.AddRange(messages);
            else Set(field, string.Join(" ", messages));
        }
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }
}
