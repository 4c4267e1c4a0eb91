/** The errno values a sysfs writer or QMP client sees, with their strerror text (glibc). */
export const ERRNO = {
  EPERM: { code: 1, text: "Operation not permitted" },
  EINTR: { code: 4, text: "Interrupted system call" },
  ENOMEM: { code: 12, text: "Cannot allocate memory" },
  EBUSY: { code: 16, text: "Device or resource busy" },
  EEXIST: { code: 17, text: "File exists" },
  ENODEV: { code: 19, text: "No such device" },
  EINVAL: { code: 22, text: "Invalid argument" },
  ENOSPC: { code: 28, text: "No space left on device" },
} as const;

export type ErrnoName = keyof typeof ERRNO;
