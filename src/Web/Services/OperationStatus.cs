using MudBlazor;
using Platform.Contracts;

namespace Platform.Web.Services;

/// <summary>How the portal shows an operation's state: finished or not, its color, its progress in percent.</summary>
public static class OperationStatus
{
    public static bool IsFinished(OperationState state) =>
        state is OperationState.Succeeded or OperationState.Failed or OperationState.Cancelled;

    public static bool IsFinished(this OperationDto operation) => IsFinished(operation.State);

    public static Color StateColor(OperationState state) => state switch
    {
        OperationState.Succeeded => Color.Success,
        OperationState.Failed => Color.Error,
        OperationState.Cancelled => Color.Default,
        OperationState.Running => Color.Info,
        _ => Color.Warning,
    };

    public static double Percent(double progress) => Math.Clamp(progress * 100, 0, 100);

    /// <summary>"dataset.import" → "Dataset import".</summary>
    public static string KindName(string kind)
    {
        var words = kind.Replace('.', ' ').Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Operation" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
