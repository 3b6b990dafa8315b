namespace Platform.Jobs.Operations;

/// <summary>
/// A handler cannot start the work yet (another worker's lease on it is still valid): the operation goes back to the
/// queue, untouched, and the reconciler hands it out again.
/// </summary>
public sealed class OperationDeferredException(string message) : Exception(message);
