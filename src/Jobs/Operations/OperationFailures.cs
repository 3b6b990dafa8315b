using Platform.Datasets.Archives;
using Platform.Datasets.Formats;
using Platform.Datasets.Images;
using Platform.Storage.Blobs;

namespace Platform.Jobs.Operations;

/// <summary>How a handler's exception becomes the operation's failure message and log entry.</summary>
public static class OperationFailures
{
    /// <summary>The length of Operation.Message in the database (OperationConfiguration).</summary>
    public const int MaxMessageLength = 2048;

    private const string Ellipsis = "…";

    /// <summary>
    /// Failures caused by what the user sent (a malformed dataset, a refused archive, a full quota): the message
    /// tells them what to fix, and a stack trace in the log would only look like a bug.
    /// </summary>
    public static bool IsExpected(Exception ex) =>
        ex is DatasetFormatException or ArchiveRejectedException or ImageDecodeException or QuotaExceededException
            or Training.DatasetNotTrainableException;

    /// <summary>Fits a message into the Message column, ending with an ellipsis when it was cut.</summary>
    public static string Shorten(string message)
    {
        if (message.Length <= MaxMessageLength) return message;
        var cut = MaxMessageLength - Ellipsis.Length;
        if (char.IsHighSurrogate(message[cut - 1])) cut--;
        return string.Concat(message.AsSpan(0, cut), Ellipsis);
    }
}
