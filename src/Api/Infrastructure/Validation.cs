using System.Net.Mail;

namespace Platform.Api.Infrastructure;

/// <summary>Collects per-field messages; <see cref="Problem"/> turns them into a 400 validation problem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{label} is required.");
        if (value.Length > maxLength) return Add(field, $"{label} must be at most {maxLength} characters.");
        if (value.Any(char.IsControl)) return Add(field, $"{label} must not contain control characters.");
        return this;
    }

    public Validation Email(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "Email is required.");
        if (value.Length > 256 || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value.Trim())
            return Add(field, "Enter a valid email address, like name@example.com.");
        return this;
    }

    public Validation Password(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return Add(field, "Password is required.");
        if (value.Length < 8) Add(field, "Password must be at least 8 characters.");
        if (value.Length > 128) Add(field, "Password must be at most 128 characters.");
        if (!value.Any(char.IsLetter) || !value.Any(char.IsDigit)) Add(field, "Password must contain letters and digits.");
        return this;
    }

    public Validation DisplayName(string field, string? value)
    {
        if (value is { Length: > 120 }) Add(field, "Display name must be at most 120 characters.");
        return this;
    }

    public Validation Role(string field, Platform.Contracts.WorkspaceRole role)
    {
        if (!Enum.IsDefined(role)) Add(field, "Role must be Owner, Maintainer, Member, Annotator or Viewer.");
        return this;
    }

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Problem() =>
        Microsoft.AspNetCore.Http.TypedResults.ValidationProblem(Errors, title: "Some fields are not valid.");
}
