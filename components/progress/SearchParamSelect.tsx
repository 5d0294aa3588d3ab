"use client";

// A select above a page that puts its choice in the URL (month, unit, year…),
// so the server renders that view and the address can be shared.
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export function SearchParamSelect({
  label,
  param,
  value,
  options,
}: {
  label: string;
  param: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return (
    <label>
      {label}
      <select
        value={value}
        onChange={(e) => {
          const next = new URLSearchParams(searchParams.toString());
          if (e.target.value) next.set(param, e.target.value);
          else next.delete(param);
          router.push(`${pathname}?${next.toString()}`);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
