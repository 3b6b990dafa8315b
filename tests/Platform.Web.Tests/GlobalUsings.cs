global using Bunit;
global using Shouldly;
global using Xunit;
