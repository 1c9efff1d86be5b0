#pragma once

namespace losslens {

// Clears the upper halves of the AVX vector registers when the processor has them. While they
// are in use, SSE instructions, which most of this library (built for baseline x86-64) and
// libm functions such as sinh consist of, wait on those halves. A new thread inherits the state
// from the thread that starts it, and code that uses AVX can leave it in use. Qt 6.4 (Debian 12)
// does so after hashing a string with its 256-bit VAES code, as QSet<QString>::insert does on
// processors with VAES, and setting up a QCommandLineParser did too. On a Xeon of the Sapphire
// Rapids generation the log-cosh landscape of 1000 samples on 64 x 64 nodes then took 1.2 s
// instead of 0.17 s, and one log-cosh gradient over 10,000 samples 5.7 ms instead of 0.6 ms.
// So numerical loops over the samples call this first.
void clearUpperVectorState();

} // namespace losslens
