/* bcryptprimitives.dll for Wine 8 (Debian 12's), which lacks it: Go 1.24
 * and later call ProcessPrng from it when a Windows program starts (for
 * random numbers) and stop with "bcryptprimitives.dll not found" without
 * it. Windows 10 and 11 have the real one; Wine 9 and later have their own.
 * scripts/test-platforms compiles this with MinGW into the Wine prefix it
 * uses for the tests, never into a release.
 *
 * ProcessPrng fills data with len random bytes from BCryptGenRandom with
 * the system's preferred generator, and returns TRUE (as the real one
 * always does). */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
      return FALSE;
    }
    data += n;
    len -= n;
  }
  return TRUE;
}
